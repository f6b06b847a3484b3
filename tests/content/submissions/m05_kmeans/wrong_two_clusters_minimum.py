"""Wrong: n_clusters=1 raises ValueError ('at least 2 clusters'), though one cluster is a valid
question (its center is the mean).

Fails: fit_returns_self
Says: n_clusters=1
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        if self.n_clusters < 2:
            raise ValueError("K-Means needs at least 2 clusters")
        return super().fit(X)
