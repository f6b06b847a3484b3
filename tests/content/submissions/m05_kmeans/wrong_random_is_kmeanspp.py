"""Wrong: init='random' is ignored: k-means++ seeds every fit.

Fails: kmeanspp_seeding
Says: init ignored
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _seed(self, X, rng):
        init = self.init
        if init == "random":
            self.init = "k-means++"
        try:
            return super()._seed(X, rng)
        finally:
            self.init = init
