"""Correct: einsum distances through a difference tensor, one-hot matrix product for the means,
plain k-means++ with inverse-CDF sampling, a separate child generator per run."""

from __future__ import annotations

import numbers

import numpy as np


def _checked(X, width=None):
    """X as a finite 2-D float array (of `width` features if given), or ValueError."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or 0 in X.shape:
        raise ValueError(f"X must be 2-D with a row and a column at least, got shape {X.shape}")
    if width is not None and X.shape[1] != width:
        raise ValueError(f"X has {X.shape[1]} features, expected {width}")
    if not np.isfinite(X).all():
        raise ValueError("X holds NaN or inf")
    return X


def _sqdist(A, B):
    """Squared distances (len(A), len(B)) by einsum over the difference tensor."""
    diff = np.asarray(A, dtype=float)[:, None, :] - np.asarray(B, dtype=float)[None, :, :]
    return np.einsum("ijk,ijk->ij", diff, diff)


class KMeans:
    def __init__(
        self, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4, random_state=None
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X):
        X = _checked(X)
        n, k = X.shape[0], self.n_clusters
        if not isinstance(k, numbers.Integral) or k < 1:
            raise ValueError(f"n_clusters={k!r} must be an int >= 1")
        if k > n:
            raise ValueError(f"n_clusters={k} > n_samples={n}")
        array_init = not isinstance(self.init, str)
        if not array_init and self.init not in ("k-means++", "random"):
            raise ValueError("init must be 'k-means++', 'random' or an array")
        if array_init and np.shape(self.init) != (k, X.shape[1]):
            raise ValueError(f"init has shape {np.shape(self.init)}, not {(k, X.shape[1])}")
        if not array_init and not (isinstance(self.n_init, numbers.Integral) and self.n_init > 0):
            raise ValueError(f"n_init={self.n_init!r} must be an int >= 1")
        if not (isinstance(self.max_iter, numbers.Integral) and self.max_iter > 0):
            raise ValueError(f"max_iter={self.max_iter!r} must be an int >= 1")
        if self.tol < 0:
            raise ValueError(f"tol={self.tol!r} must be >= 0")
        threshold = self.tol * np.mean(np.var(X, axis=0))
        runs = np.random.default_rng(self.random_state).spawn(1 if array_init else self.n_init)
        best = None
        for rng in runs:
            if array_init:
                centers = np.array(self.init, dtype=float)
            elif self.init == "random":
                centers = X[rng.permutation(n)[:k]]
            else:
                centers = self._plusplus(X, k, rng)
            result = self._lloyd(X, centers, threshold)
            if best is None or result[2] < best[2]:
                best = result
        self.cluster_centers_, self.labels_, self.inertia_, self.n_iter_ = best
        return self

    @staticmethod
    def _plusplus(X, k, rng):
        centers = [X[rng.integers(len(X))]]
        d2 = _sqdist(X, centers)[:, 0]
        for _ in range(k - 1):
            i = min(int(np.searchsorted(np.cumsum(d2), rng.random() * d2.sum())), len(X) - 1)
            centers.append(X[i])
            d2 = np.minimum(d2, _sqdist(X, X[i : i + 1])[:, 0])
        return np.array(centers)

    def _lloyd(self, X, centers, threshold):
        k = len(centers)
        n_iter = 0
        while n_iter < self.max_iter:
            n_iter += 1
            d = _sqdist(X, centers)
            labels = d.argmin(axis=1)
            onehot = np.eye(k)[labels]  # (n, k)
            counts = onehot.sum(axis=0)
            new = centers.copy()
            full = counts > 0
            new[full] = (onehot.T @ X)[full] / counts[full, None]
            if not full.all():
                order = np.argsort(-d[np.arange(len(X)), labels])
                new[~full] = X[order[: int((~full).sum())]]
            moved = float(((new - centers) ** 2).sum())
            centers = new
            if moved <= threshold:
                break
        d = _sqdist(X, centers)
        labels = d.argmin(axis=1)
        return centers, labels, float(d.min(axis=1).sum()), n_iter

    def predict(self, X):
        if not hasattr(self, "cluster_centers_"):
            raise RuntimeError("call fit before predict")
        X = _checked(X, width=self.cluster_centers_.shape[1])
        return _sqdist(X, self.cluster_centers_).argmin(1)

    def fit_predict(self, X):
        return self.fit(X).labels_
