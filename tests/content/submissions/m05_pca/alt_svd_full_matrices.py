"""Correct: np.linalg.svd with full_matrices=True, variances from the total sum of squares."""

from __future__ import annotations

import numpy as np


class PCA:
    def __init__(self, n_components=None):
        self.n_components = n_components

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
        self.components_ = vt[:k]
        self.explained_variance_ = s[:k] ** 2 / (n - 1)
        self.singular_values_ = s[:k]
        self.explained_variance_ratio_ = self.explained_variance_ / total
        return self

    def transform(self, X):
        if getattr(self, "components_", None) is None:
            raise AttributeError("call fit before transform")
        return np.dot(np.asarray(X, dtype=float) - self.mean_, self.components_.T)

    def fit_transform(self, X):
        self.fit(X)
        return self.transform(X)

    def inverse_transform(self, Z):
        return np.dot(Z, self.components_) + self.mean_
