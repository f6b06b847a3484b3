"""Wrong: the last fold takes the whole remainder (sizes 3, 3, 5).

Fails: kfold_matches_sklearn
Says: one index more
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
    base = n_samples // n_splits
    splits, start = [], 0
    for i in range(n_splits):
        stop = n_samples if i == n_splits - 1 else start + base
        test = order[start:stop]
        train = order[:start] + order[stop:]
        splits.append((np.array(train, dtype=int), np.array(test, dtype=int)))
        start = stop
    return splits
