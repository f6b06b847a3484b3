"""Correct: np.cov (rows = features) and np.linalg.eig, real parts, sorted by eigenvalue."""

from __future__ import annotations

import numpy as np


class PCA:
    def __init__(self, n_components=None):
        self.n_components = n_components

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n, p = X.shape
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
        self.explained_variance_ratio_ = self.explained_variance_ / values.sum()
        return self

    def transform(self, X):
        if not hasattr(self, "mean_"):
            raise ValueError("not fitted yet, call fit")
        return (np.asarray(X, float) - self.mean_) @ self.components_.T

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        return Z @ self.components_ + self.mean_
