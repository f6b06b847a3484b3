"""Wrong: the training set is every index, the test fold included.

Fails: kfold_matches_sklearn
Says: not in the test fold
"""

from __future__ import annotations

import random

import numpy as np
from tests.content.submissions.m04_metrics.alt_pure_python import *


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if not 2 <= n_splits <= n_samples:
        raise ValueError("n_splits must be between 2 and n_samples")
    order = list(range(n_samples))
    if shuffle:
        random.Random(random_state).shuffle(order)
    base, extra = divmod(n_samples, n_splits)
    splits, start = [], 0
    for i in range(n_splits):
        stop = start + base + (1 if i < extra else 0)
        test = order[start:stop]
        train = order
        splits.append((np.array(train, dtype=int), np.array(test, dtype=int)))
        start = stop
    return splits
