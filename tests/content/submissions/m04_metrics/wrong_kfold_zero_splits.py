"""Wrong: kfold checks only n_splits > n_samples: n_splits=0 or 1 return a list instead of raising.

Fails: kfold_matches_sklearn
Says: raise ValueError
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import kfold as _base_kfold


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if n_splits > n_samples:
        raise ValueError("n_splits must be at most n_samples")
    if n_splits < 2:
        return []
    return _base_kfold(n_samples, n_splits, shuffle, random_state)
