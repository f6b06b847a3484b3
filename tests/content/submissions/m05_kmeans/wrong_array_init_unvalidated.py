"""Wrong: n_clusters > n_samples raises only for the string inits: an array of 61 centers for 60
samples runs.

Fails: fit_returns_self
Says: array init
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        if not isinstance(self.init, str):
            X = np.asarray(X, dtype=float)
            start = np.array(self.init, dtype=float)
            result = self._run(X, start, None, self.tol * X.var(axis=0).mean())
            self.cluster_centers_, self.labels_, inertia, self.n_iter_ = result
            self.inertia_ = float(inertia)
            return self
        return super().fit(X)

    def _run(self, X, centers, rng, tol):
        saved = self.n_clusters
        self.n_clusters = len(centers)
        try:
            return super()._run(X, centers, rng, tol)
        finally:
            self.n_clusters = saved
