"""Wrong: n_clusters is checked against n_samples only: n_clusters=0 runs (one seed, no cluster)
instead of raising.

Fails: invalid_input_raises
Says: n_clusters=0, raise ValueError
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _check_params(self, X):
        k, self.n_clusters = self.n_clusters, max(1, self.n_clusters)  # skip the k >= 1 test
        try:
            super()._check_params(X)
        finally:
            self.n_clusters = k
