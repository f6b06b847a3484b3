"""Correct: eigen-decomposition of the covariance matrix (np.linalg.eigh), sorted decreasing."""

from __future__ import annotations

import numpy as np


class PCA:
    def __init__(self, n_components=None):
        self.n_components = n_components

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
        order = np.argsort(values)[::-1]
        values, vectors = values[order], vectors[:, order]
        self.components_ = vectors[:, :k].T
        self.explained_variance_ = np.clip(values[:k], 0.0, None)
        self.singular_values_ = np.sqrt(self.explained_variance_ * (n - 1))
        self.explained_variance_ratio_ = self.explained_variance_ / np.trace(cov)
        return self

    def transform(self, X):
        if not hasattr(self, "components_"):
            raise RuntimeError("PCA is not fitted: call fit(X) first")
        return (np.asarray(X, dtype=float) - self.mean_) @ self.components_.T

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        return np.asarray(Z, dtype=float) @ self.components_ + self.mean_
