"""Wrong: init='random' draws from an unseeded generator (k-means++ is seeded): random_state works
for one init only.

Fails: reproducible
Says: random_state=42 (init="random"
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _seed(self, X, rng):
        if self.init == "random":
            return X[np.random.default_rng().choice(len(X), size=self.n_clusters, replace=False)]
        return super()._seed(X, rng)
