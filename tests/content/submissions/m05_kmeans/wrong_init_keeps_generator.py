"""Wrong: __init__ turns random_state into a generator (self.rng) and does not store random_state
itself.

Fails: init_and_unfitted
Says: random_state
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def __init__(
        self, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4, random_state=None
    ):
        super().__init__(n_clusters, init, n_init, max_iter, tol, random_state)
        del self.random_state
        self.rng = np.random.default_rng(random_state)

    def fit(self, X):
        self.random_state = None
        try:
            return super().fit(X)
        finally:
            del self.random_state
