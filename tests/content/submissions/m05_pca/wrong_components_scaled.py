"""Wrong: components_ are the loadings V^T scaled by S / sqrt(n - 1), not unit vectors.

Fails: components_match_sklearn
Says: unit vectors
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        X = np.array(X, dtype=np.float64)
        n, p = X.shape
        limit = min(n, p)
        k = self.n_components if self.n_components is not None else limit
        if k < 1 or k > limit:
            raise ValueError(f"n_components={k} is out of range 1..{limit}")
        self.mean_ = np.mean(X, axis=0)
        X -= self.mean_  # our own copy
        _, s, vt = np.linalg.svd(X, full_matrices=True)
        total = (X**2).sum() / (n - 1)
        self.components_ = vt[:k] * (s[:k, None] / np.sqrt(n - 1))
        self.explained_variance_ = s[:k] ** 2 / (n - 1)
        self.singular_values_ = s[:k]
        self.explained_variance_ratio_ = self.explained_variance_ / total
        return self
