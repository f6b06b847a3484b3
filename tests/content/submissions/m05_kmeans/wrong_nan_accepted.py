"""Wrong: X is not checked for NaN. With k-means++ a NaN still ends in a ValueError (the D^2
weights are NaN, and rng.choice refuses them), by accident; with init="random" the fit runs and
returns NaN centers.

Fails: invalid_input_raises
Says: init='random', NaN
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    @staticmethod
    def _data(X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.size == 0:
            raise ValueError(f"X must be 2-D and not empty, got shape {X.shape}")
        return X
