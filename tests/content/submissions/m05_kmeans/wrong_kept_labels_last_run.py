"""Wrong: keeps the best run's centers, inertia and n_iter_, but labels_ of the LAST run.

Fails: kept_run_consistent
Says: labels_, nearest
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        X = np.asarray(X, dtype=float)
        if X.shape[0] < self.n_clusters:
            raise ValueError("fewer samples than clusters")
        if isinstance(self.init, str) and self.init not in ("k-means++", "random"):
            raise ValueError(f"unknown init {self.init!r}")
        rng = np.random.default_rng(self.random_state)
        tol = self.tol * X.var(axis=0).mean()
        runs = 1 if not isinstance(self.init, str) else self.n_init
        best = last = None
        for _ in range(runs):
            result = self._run(X, self._seed(X, rng), rng, tol)
            last = result
            if best is None or result[2] < best[2]:
                best = result
        self.cluster_centers_, _, inertia, self.n_iter_ = best
        self.labels_ = last[1]
        self.inertia_ = float(inertia)
        return self
