"""Wrong: kfold accepts more splits than samples (some test folds come out empty).

Fails: kfold_matches_sklearn
Says: raise ValueError
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_pure_python import *


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if n_splits < 2:
        raise ValueError("n_splits must be at least 2")
    order = np.arange(n_samples)
    if shuffle:
        order = np.random.default_rng(random_state).permutation(n_samples)
    return [(np.setdiff1d(order, test), test) for test in np.array_split(order, n_splits)]
