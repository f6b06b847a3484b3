"""Wrong: "k-means++" draws each next center with probability proportional to D(x), the distance,
instead of D(x)^2, its square.

Fails: kmeanspp_draws_d2
Says: D(x)^2
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
            d = np.sqrt(self._distances(X, np.array(centers)).min(axis=1))
            centers.append(X[rng.choice(n, p=d / d.sum())])
        return np.array(centers)
