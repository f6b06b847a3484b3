"""Wrong: __init__ sets cluster_centers_ = None, so an unfitted model looks fitted.

Fails: init_and_unfitted
Says: never fitted
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def __init__(
        self, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4, random_state=None
    ):
        super().__init__(n_clusters, init, n_init, max_iter, tol, random_state)
        self.cluster_centers_ = None

    def predict(self, X):
        if self.cluster_centers_ is None:
            raise ValueError("call fit(X) first")
        return super().predict(X)
