"""Wrong: kfold refuses n_splits=2 (it asks for at least 3), though 2 folds are a valid split.

Fails: kfold_matches_sklearn
Says: kfold(5, 2)
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics import alt_pure_python as _base
from tests.content.submissions.m04_metrics.alt_pure_python import *


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if n_splits < 3:
        raise ValueError("n_splits must be at least 3")
    return _base.kfold(n_samples, n_splits, shuffle, random_state)
