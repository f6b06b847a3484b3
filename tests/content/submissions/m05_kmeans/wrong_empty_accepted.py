"""Wrong: X with no column is not refused: its k-means++ weights are 0 / 0, and the error comes
from rng.choice ("probabilities contain NaN"), which does not say what is wrong with X.

Fails: invalid_input_raises
Says: shape (30, 0), name the problem
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    @staticmethod
    def _data(X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}")
        if np.isnan(X).any() or np.isinf(X).any():
            raise ValueError("X contains NaN or inf values")
        return X
