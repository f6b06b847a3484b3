"""Wrong: kfold refuses a bad n_splits with ValueError("invalid input"), which does not say what
is wrong.

Fails: invalid_input_raises
Says: kfold(10, 1), name the problem
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics import alt_pure_python as _base
from tests.content.submissions.m04_metrics.alt_pure_python import *


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    try:
        return _base.kfold(n_samples, n_splits, shuffle, random_state)
    except ValueError:
        raise ValueError("invalid input") from None
