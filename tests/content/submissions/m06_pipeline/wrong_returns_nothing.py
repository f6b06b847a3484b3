"""Wrong: logs the run but forgets to return its id.

Fails: logs_a_run
Says: forget a return statement
"""

from __future__ import annotations

from typing import Any

from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
build_pipeline = _ref.build_pipeline


def train_and_log(*args: Any) -> None:
    _ref.train_and_log(*args)
