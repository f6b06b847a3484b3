"""Wrong: n_init is honoured for init='random' only: k-means++ makes a single run.

Fails: n_init_best_of_runs
Says: k-means++, n_init ignored
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        n_init = self.n_init
        if self.init == "k-means++":
            self.n_init = 1
        try:
            return super().fit(X)
        finally:
            self.n_init = n_init
