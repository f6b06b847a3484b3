"""Wrong: with shuffle=True the folds are cut as n // n_splits indices each, the remainder going to
the last fold (without shuffling they are right).

Fails: kfold_matches_sklearn
Says: one index more
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import kfold as _base_kfold


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if not shuffle:
        return _base_kfold(n_samples, n_splits)
    if not 2 <= n_splits <= n_samples:
        raise ValueError("n_splits must be between 2 and n_samples")
    order = np.random.default_rng(random_state).permutation(n_samples)
    size = n_samples // n_splits
    splits = []
    for i in range(n_splits):
        stop = n_samples if i == n_splits - 1 else (i + 1) * size
        test = order[i * size : stop]
        splits.append((np.setdiff1d(order, test), test))
    return splits
