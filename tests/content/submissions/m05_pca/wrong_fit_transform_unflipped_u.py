"""Wrong: fit makes the first entry of each axis positive, but fit_transform returns U * S from the
SVD without flipping U's columns the same way: its scores disagree in sign with transform.

Fails: transform_matches_sklearn
Says: fit_transform
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        self._fit(X)
        return self

    def _fit(self, X):
        X = np.array(X, dtype=np.float64)
        n, p = X.shape
        limit = min(n, p)
        k = self.n_components if self.n_components is not None else limit
        if k < 1 or k > limit:
            raise ValueError(f"n_components={k} is out of range 1..{limit}")
        self.mean_ = X.mean(axis=0)
        u, s, vt = np.linalg.svd(X - self.mean_, full_matrices=False)
        vt = vt * np.where(vt[:, :1] < 0, -1.0, 1.0)
        self.components_ = vt[:k]
        self.explained_variance_ = s[:k] ** 2 / (n - 1)
        self.singular_values_ = s[:k]
        total = ((X - self.mean_) ** 2).sum() / (n - 1)
        self.explained_variance_ratio_ = self.explained_variance_ / total
        return u[:, :k] * s[:k]

    def fit_transform(self, X):
        return self._fit(X)
