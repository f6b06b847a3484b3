"""Wrong: n_components=None keeps n_features components (all the rows of the full V^T), not
min(n_samples, n_features).

Fails: fit_returns_self
Says: min(n_samples, n_features)
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
        k = self.n_components if self.n_components is not None else p
        if k < 1 or k > p:
            raise ValueError(f"n_components={k} is out of range 1..{limit}")
        self.mean_ = np.mean(X, axis=0)
        X -= self.mean_  # our own copy
        _, s, vt = np.linalg.svd(X, full_matrices=True)
        total = (X**2).sum() / (n - 1)
        self.components_ = vt[:k]
        self.explained_variance_ = np.pad(s, (0, p - len(s)))[:k] ** 2 / (n - 1)
        self.singular_values_ = np.pad(s, (0, p - len(s)))[:k]
        self.explained_variance_ratio_ = self.explained_variance_ / total
        return self
