"""Correct: eigen-decomposition of the covariance matrix (np.linalg.eigh), sorted decreasing."""

from __future__ import annotations

import numpy as np


def _matrix(X, name="X"):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array, got {X.ndim} dimension(s)")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {X.shape})")
    if np.isnan(X).any() or np.isinf(X).any():
        raise ValueError(f"{name} has NaN or infinite entries")
    return X


class PCA:
    def __init__(self, n_components=None):
        self.n_components = n_components

    def fit(self, X):
        X = _matrix(X)
        n, p = X.shape
        if n < 2:
            raise ValueError("PCA needs at least 2 samples")
        k = min(n, p) if self.n_components is None else self.n_components
        if not isinstance(k, int) or not 1 <= k <= min(n, p):
            raise ValueError(f"n_components must be an int between 1 and {min(n, p)}")
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        cov = Xc.T @ Xc / (n - 1)  # (p, p)
        values, vectors = np.linalg.eigh(cov)  # increasing order, vectors as columns
        order = np.argsort(values)[::-1]
        values, vectors = values[order], vectors[:, order]
        self.components_ = vectors[:, :k].T
        self.explained_variance_ = np.clip(values[:k], 0.0, None)
        self.singular_values_ = np.sqrt(self.explained_variance_ * (n - 1))
        total = np.trace(cov)
        ratio = self.explained_variance_ / total if total else 0.0 * self.explained_variance_
        self.explained_variance_ratio_ = ratio
        return self

    def transform(self, X):
        if not hasattr(self, "components_"):
            raise RuntimeError("PCA is not fitted: call fit(X) first")
        X = _matrix(X)
        if X.shape[1] != len(self.mean_):
            raise ValueError(f"X has {X.shape[1]} features, PCA was fitted on {len(self.mean_)}")
        return (X - self.mean_) @ self.components_.T

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        Z = _matrix(Z, "Z")
        if Z.shape[1] != len(self.components_):
            raise ValueError(f"Z needs one column per component ({len(self.components_)})")
        return Z @ self.components_ + self.mean_
