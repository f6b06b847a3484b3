"""Wrong: eigh's eigenvalues are in increasing order and are not sorted.

Fails: components_match_sklearn
Says: SMALLEST variance first
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_eigh_covariance as _base
from tests.content.submissions.m05_pca.alt_eigh_covariance import *


class PCA(_base.PCA):
    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n, p = X.shape
        k = min(n, p) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, p):
            raise ValueError(f"n_components must be between 1 and {min(n, p)}")
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        cov = Xc.T @ Xc / (n - 1)  # (p, p)
        values, vectors = np.linalg.eigh(cov)  # increasing order, vectors as columns
        self.components_ = vectors[:, :k].T
        self.explained_variance_ = np.clip(values[:k], 0.0, None)
        self.singular_values_ = np.sqrt(self.explained_variance_ * (n - 1))
        self.explained_variance_ratio_ = self.explained_variance_ / np.trace(cov)
        return self
