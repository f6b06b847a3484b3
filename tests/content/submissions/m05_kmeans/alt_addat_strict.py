"""Correct: np.add.at for the sums, stops on unchanged labels or the tol rule, greedy-free
k-means++ drawn with rng.choice, one generator for all runs."""

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

    def _sqdist(self, X, C):
        # (n, k) through the expansion ||x||^2 - 2 x.c + ||c||^2
        d = (X**2).sum(1)[:, None] - 2 * X @ C.T + (C**2).sum(1)[None, :]
        return np.maximum(d, 0)

    @staticmethod
    def _valid(X):
        X = np.array(X, dtype=float)
        problems = {
            "X must be a 2-D array (use reshape(-1, 1) for one feature)": X.ndim != 2,
            "X has no rows or no columns": X.ndim == 2 and min(X.shape) == 0,
            "X contains NaN or infinite values": not np.all(np.isfinite(X)),
        }
        for message, bad in problems.items():
            if bad:
                raise ValueError(message)
        return X

    def fit(self, X):
        X = self._valid(X)
        k = self.n_clusters
        if int(k) != k or not 1 <= k <= len(X):
            raise ValueError("need n_clusters an int with 1 <= n_clusters <= n_samples")
        if isinstance(self.init, str) and self.init not in {"k-means++", "random"}:
            raise ValueError(f"init={self.init!r} is not supported")
        if not isinstance(self.init, str) and np.shape(self.init) != (k, X.shape[1]):
            raise ValueError("init must be an array (n_clusters, n_features)")
        if int(self.n_init) != self.n_init or self.n_init < 1:
            raise ValueError("n_init must be an int >= 1")
        if int(self.max_iter) != self.max_iter or self.max_iter < 1:
            raise ValueError("max_iter must be an int >= 1")
        if not self.tol >= 0:
            raise ValueError("tol must be >= 0")
        rng = np.random.default_rng(self.random_state)
        tol = self.tol * X.var(0).mean()
        best = None
        for _ in range(self.n_init if isinstance(self.init, str) else 1):
            if not isinstance(self.init, str):
                C = np.asarray(self.init, dtype=float).copy()
            elif self.init == "random":
                C = X[rng.choice(len(X), k, replace=False)]
            else:
                C = X[[rng.integers(len(X))]]
                for _ in range(k - 1):
                    d2 = self._sqdist(X, C).min(1)
                    C = np.vstack([C, X[rng.choice(len(X), p=d2 / d2.sum())]])
            old_labels = None
            for it in range(1, self.max_iter + 1):  # noqa: B007 (used after the loop)
                labels = self._sqdist(X, C).argmin(1)
                if old_labels is not None and np.array_equal(labels, old_labels):
                    break  # same labels, same means: this iteration moves nothing (shift 0)
                sums = np.zeros_like(C)
                np.add.at(sums, labels, X)
                counts = np.bincount(labels, minlength=k)
                newC = C.copy()
                ok = counts > 0
                newC[ok] = sums[ok] / counts[ok, None]
                if not ok.all():
                    far = ((X - C[labels]) ** 2).sum(1)
                    newC[~ok] = X[np.argsort(far)[::-1][: (~ok).sum()]]
                shift = ((newC - C) ** 2).sum()
                C, old_labels = newC, labels
                if shift <= tol:
                    break
            d = self._sqdist(X, C)
            labels = d.argmin(1)
            inertia = float(((X - C[labels]) ** 2).sum())
            if best is None or inertia < best[2]:
                best = (C, labels, inertia, it)
        self.cluster_centers_, self.labels_, self.inertia_, self.n_iter_ = best
        return self

    def predict(self, X):
        if not hasattr(self, "cluster_centers_"):
            raise AttributeError("not fitted: call fit(X) first")
        X = self._valid(X)
        if X.shape[1] != self.cluster_centers_.shape[1]:
            raise ValueError("X has a different number of features than the training data")
        return self._sqdist(X, self.cluster_centers_).argmin(1)

    def fit_predict(self, X):
        self.fit(X)
        return self.labels_
