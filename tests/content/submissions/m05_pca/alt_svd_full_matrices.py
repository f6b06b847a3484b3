"""Correct: np.linalg.svd with full_matrices=True, variances from the total sum of squares."""

from __future__ import annotations

import numpy as np


class PCA:
    def __init__(self, n_components=None):
        self.n_components = n_components

    @staticmethod
    def _checked(X, name="X"):
        X = np.array(X, dtype=np.float64)  # a copy
        if X.ndim != 2:
            raise ValueError(f"{name} must be 2-D, got shape {X.shape}")
        if 0 in X.shape:
            raise ValueError(f"{name} is empty, shape {X.shape}")
        if not np.all(np.isfinite(X)):
            raise ValueError(f"{name} contains NaN or inf")
        return X

    def _check_n(self, n, p):
        limit = min(n, p)
        if n < 2:
            raise ValueError(f"X has {n} sample: PCA needs at least 2")
        k = self.n_components if self.n_components is not None else limit
        if isinstance(k, bool) or not isinstance(k, int) or k < 1 or k > limit:
            raise ValueError(f"n_components={k} is out of range 1..{limit}")
        return k

    def fit(self, X):
        X = self._checked(X)
        n, p = X.shape
        k = self._check_n(n, p)
        self.mean_ = np.mean(X, axis=0)
        X -= self.mean_  # our own copy
        _, s, vt = np.linalg.svd(X, full_matrices=True)
        total = (X**2).sum() / (n - 1)
        self.components_ = vt[:k]
        self.explained_variance_ = s[:k] ** 2 / (n - 1)
        self.singular_values_ = s[:k]
        self.explained_variance_ratio_ = self.explained_variance_ / (total or np.inf)
        return self

    def transform(self, X):
        if getattr(self, "components_", None) is None:
            raise AttributeError("call fit before transform")
        X = self._checked(X)
        if X.shape[1] != self.components_.shape[1]:
            raise ValueError(f"X has {X.shape[1]} features instead of {self.components_.shape[1]}")
        return np.dot(X - self.mean_, self.components_.T)

    def fit_transform(self, X):
        self.fit(X)
        return self.transform(X)

    def inverse_transform(self, Z):
        Z = self._checked(Z, "Z")
        if Z.shape[1] != self.components_.shape[0]:
            raise ValueError(f"Z has {Z.shape[1]} columns instead of {self.components_.shape[0]}")
        return np.dot(Z, self.components_) + self.mean_
