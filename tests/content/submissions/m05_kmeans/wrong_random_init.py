"""Wrong: "k-means++" draws the k centers uniformly at random (no D^2 weighting).

Fails: kmeanspp_seeding
Says: D(x)^2
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _seed(self, X, rng):
        n, k = X.shape[0], self.n_clusters
        if not isinstance(self.init, str):
            return np.array(self.init, dtype=float)
        return X[rng.choice(n, size=k, replace=False)].copy()
