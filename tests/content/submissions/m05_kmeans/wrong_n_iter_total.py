"""Wrong: n_iter_ adds up the iterations of all n_init runs, not those of the kept run.

Fails: kept_run_consistent
Says: n_iter_
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
        best = None
        total = 0
        for _ in range(runs):
            result = self._run(X, self._seed(X, rng), rng, tol)
            total += result[3]
            if best is None or result[2] < best[2]:
                best = result
        self.cluster_centers_, self.labels_, inertia, _ = best
        self.n_iter_ = min(total, self.max_iter)
        self.inertia_ = float(inertia)
        return self
