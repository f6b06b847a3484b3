"""Wrong: kfold's default is n_splits=3, not the contract's 5.

Fails: kfold_matches_sklearn
Says: n_splits=5
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import kfold as _base_kfold


def kfold(n_samples, n_splits=3, shuffle=False, random_state=None):
    return _base_kfold(n_samples, n_splits, shuffle, random_state)
