"""Wrong: init='random' draws the k samples WITH replacement: a sample can be drawn twice.

Fails: seeds_are_distinct_samples
Says: DISTINCT
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _seed(self, X, rng):
        if self.init == "random":
            return X[rng.integers(X.shape[0], size=self.n_clusters)].copy()
        return super()._seed(X, rng)
