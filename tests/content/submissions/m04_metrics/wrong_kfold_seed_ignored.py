"""Wrong: the shuffle is always seeded with 0, whatever random_state says.

Fails: kfold_matches_sklearn
Says: random_state=0 and random_state=1
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import kfold as _base_kfold


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    return _base_kfold(n_samples, n_splits, shuffle, 0)
