"""Wrong: an unknown init string (init='kmeans') silently falls back to k-means++.

Fails: fit_returns_self
Says: kmeans
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        init = self.init
        if isinstance(init, str) and init != "random":
            self.init = "k-means++"
        try:
            return super().fit(X)
        finally:
            self.init = init
