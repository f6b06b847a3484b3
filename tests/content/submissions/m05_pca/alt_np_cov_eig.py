"""Correct: np.cov (rows = features) and np.linalg.eig, real parts, sorted by eigenvalue."""

from __future__ import annotations

import numpy as np


class PCA:
    def __init__(self, n_components=None):
        self.n_components = n_components

    @staticmethod
    def _ok(X, what="X"):
        X = np.asarray(X, float)
        if X.ndim != 2 or X.size == 0 or not np.isfinite(X).all():
            raise ValueError(f"{what} must be a non-empty 2-D array of finite numbers (no NaN)")
        return X

    def fit(self, X):
        X = self._ok(X)
        n, p = X.shape
        if n == 1:
            raise ValueError("one sample: the variance needs n - 1 > 0")
        k = self.n_components or min(n, p)
        if self.n_components is not None and not 0 < self.n_components <= min(n, p):
            raise ValueError("bad n_components")
        self.mean_ = X.mean(0)
        cov = np.atleast_2d(np.cov(X, rowvar=False))  # divides by n - 1
        values, vectors = np.linalg.eig(cov)
        values, vectors = values.real, vectors.real
        idx = values.argsort()[::-1][:k]
        vectors = vectors[:, idx]
        vectors /= np.linalg.norm(vectors, axis=0)
        self.components_ = vectors.T
        self.explained_variance_ = np.maximum(values[idx], 0.0)
        self.singular_values_ = np.sqrt(self.explained_variance_ * (n - 1))
        total = values.sum()
        kept = self.explained_variance_
        self.explained_variance_ratio_ = kept / total if total > 0 else np.zeros_like(kept)
        return self

    def transform(self, X):
        if not hasattr(self, "mean_"):
            raise ValueError("not fitted yet, call fit")
        X = self._ok(X)
        if X.shape[1] != self.mean_.size:
            raise ValueError("wrong number of features")
        return (X - self.mean_) @ self.components_.T

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        Z = self._ok(Z, "Z")
        if Z.shape[1] != self.components_.shape[0]:
            raise ValueError("Z must have one column per component")
        return Z @ self.components_ + self.mean_
