"""Wrong: n_clusters is compared with 1 and n_samples but never checked to be an int: 2.5 gets
as far as range() and ends in a TypeError.

Fails: invalid_input_raises
Says: n_clusters=2.5, TypeError
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _check_params(self, X):
        k, self.n_clusters = self.n_clusters, int(self.n_clusters)  # 2.5 passes as 2
        try:
            super()._check_params(X)
        finally:
            self.n_clusters = k
