"""Wrong: an array init is ignored (k-means++ is used instead).

Fails: lloyd_matches_sklearn
Says: array of initial centers
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _seed(self, X, rng):
        n, k = X.shape[0], self.n_clusters
        if self.init == "random":
            return X[rng.choice(n, size=k, replace=False)].copy()
        centers = [X[rng.integers(n)]]
        for _ in range(1, k):
            d2 = self._distances(X, np.array(centers)).min(axis=1)
            centers.append(X[rng.choice(n, p=d2 / d2.sum())])
        return np.array(centers)
