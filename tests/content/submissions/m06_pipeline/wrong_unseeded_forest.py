"""Wrong: the model ignores the config's seed (random_state left at None).

Fails: builds_pipeline
Says: random_state is None
"""

from __future__ import annotations

from typing import Any

from sklearn.pipeline import Pipeline
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
train_and_log = _ref.train_and_log


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    pipe = _ref.build_pipeline(config)
    pipe.set_params(model__random_state=None)
    return pipe
