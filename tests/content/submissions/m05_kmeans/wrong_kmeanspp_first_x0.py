"""Wrong: k-means++ always starts from X[0] instead of a uniformly drawn first center.

Fails: kmeanspp_draws_d2
Says: X[0]
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
        centers = [X[0]]
        for _ in range(1, k):
            d2 = self._distances(X, np.array(centers)).min(axis=1)
            centers.append(X[rng.choice(n, p=d2 / d2.sum())])
        return np.array(centers)
