"""Wrong: X is not checked to be 2-D: a 1-D X ends in an IndexError inside the distances.

Fails: invalid_input_raises
Says: shape (30,), IndexError
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    @staticmethod
    def _data(X):
        X = np.asarray(X, dtype=float)
        if X.size == 0:
            raise ValueError(f"X is empty: shape {X.shape}")
        if np.isnan(X).any() or np.isinf(X).any():
            raise ValueError("X contains NaN or inf values")
        return X
