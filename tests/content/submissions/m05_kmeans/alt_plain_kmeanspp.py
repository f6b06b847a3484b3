"""Correct: plain k-means++ (one candidate per step), broadcasting distances, a loop over the
clusters for the means, an empty cluster moved to the sample farthest from its center."""

from __future__ import annotations

import numpy as np


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

    @staticmethod
    def _distances(X, centers):
        return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)  # (n, k)

    def _seed(self, X, rng):
        n, k = X.shape[0], self.n_clusters
        if not isinstance(self.init, str):
            return np.array(self.init, dtype=float)
        if self.init == "random":
            return X[rng.choice(n, size=k, replace=False)].copy()
        centers = [X[rng.integers(n)]]
        for _ in range(1, k):
            d2 = self._distances(X, np.array(centers)).min(axis=1)
            centers.append(X[rng.choice(n, p=d2 / d2.sum())])
        return np.array(centers)

    def _run(self, X, centers, rng, tol):
        k = self.n_clusters
        n_iter = 0
        while n_iter < self.max_iter:
            n_iter += 1
            labels = self._distances(X, centers).argmin(axis=1)
            new = np.empty_like(centers)
            far = ((X - centers[labels]) ** 2).sum(axis=1)
            for j in range(k):
                members = X[labels == j]
                if len(members):
                    new[j] = members.mean(axis=0)
                else:
                    i = int(far.argmax())
                    new[j] = X[i]
                    far[i] = -1.0  # the next empty cluster takes the next farthest sample
            shift = ((new - centers) ** 2).sum()
            centers = new
            if shift <= tol:
                break
        d = self._distances(X, centers)
        labels = d.argmin(axis=1)
        return centers, labels, d[np.arange(len(X)), labels].sum(), n_iter

    @staticmethod
    def _data(X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}")
        if X.size == 0:
            raise ValueError(f"X is empty: shape {X.shape}")
        if np.isnan(X).any() or np.isinf(X).any():
            raise ValueError("X contains NaN or inf values")
        return X

    def _check_params(self, X):
        k = self.n_clusters
        if not isinstance(k, int | np.integer) or k < 1:
            raise ValueError(f"n_clusters must be a positive int, got {k!r}")
        if X.shape[0] < k:
            raise ValueError("fewer samples than clusters")
        if isinstance(self.init, str) and self.init not in ("k-means++", "random"):
            raise ValueError(f"unknown init {self.init!r}")
        if not isinstance(self.init, str) and np.shape(self.init) != (k, X.shape[1]):
            raise ValueError(f"init must have shape {(k, X.shape[1])}, got {np.shape(self.init)}")
        for name in ("n_init", "max_iter"):
            if not isinstance(getattr(self, name), int | np.integer) or getattr(self, name) < 1:
                raise ValueError(f"{name} must be a positive int")
        if self.tol < 0:
            raise ValueError("tol must be >= 0")

    def fit(self, X):
        X = self._data(X)
        self._check_params(X)
        rng = np.random.default_rng(self.random_state)
        tol = self.tol * X.var(axis=0).mean()
        runs = 1 if not isinstance(self.init, str) else self.n_init
        best = None
        for _ in range(runs):
            result = self._run(X, self._seed(X, rng), rng, tol)
            if best is None or result[2] < best[2]:
                best = result
        self.cluster_centers_, self.labels_, inertia, self.n_iter_ = best
        self.inertia_ = float(inertia)
        return self

    def predict(self, X):
        if not hasattr(self, "cluster_centers_"):
            raise ValueError("KMeans is not fitted yet: call fit first")
        X = self._data(X)
        width = self.cluster_centers_.shape[1]
        if X.shape[1] != width:
            raise ValueError(f"X has {X.shape[1]} features, the centers have {width}")
        return self._distances(X, self.cluster_centers_).argmin(axis=1)

    def fit_predict(self, X):
        return self.fit(X).labels_
