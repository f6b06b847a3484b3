"""Wrong: the generator is created once in __init__, so a second fit of the same model continues its
stream.

Fails: reproducible
Says: in fit
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def __init__(
        self, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4, random_state=None
    ):
        super().__init__(n_clusters, init, n_init, max_iter, tol, random_state)
        self._rng = np.random.default_rng(random_state)

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        if X.shape[0] < self.n_clusters:
            raise ValueError("fewer samples than clusters")
        if isinstance(self.init, str) and self.init not in ("k-means++", "random"):
            raise ValueError(f"unknown init {self.init!r}")
        rng = self._rng
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
