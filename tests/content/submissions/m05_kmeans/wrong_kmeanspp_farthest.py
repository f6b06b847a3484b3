"""Wrong: "k-means++" picks the first center uniformly, then always the sample FARTHEST from the
centers so far (farthest-point seeding): spread out like k-means++, but deterministic.

Fails: kmeanspp_draws_d2
Says: farthest
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _seed(self, X, rng):
        n, k = X.shape[0], self.n_clusters
        if not isinstance(self.init, str) or self.init == "random":
            return super()._seed(X, rng)
        centers = [X[rng.integers(n)]]
        for _ in range(1, k):
            d2 = self._distances(X, np.array(centers)).min(axis=1)
            centers.append(X[int(d2.argmax())])
        return np.array(centers)
