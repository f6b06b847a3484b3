"""Wrong: an array init is updated in place: the caller's array ends as the final centers.

Fails: lloyd_matches_sklearn
Says: init array
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _seed(self, X, rng):
        if not isinstance(self.init, str):
            return self.init
        return super()._seed(X, rng)

    def _run(self, X, centers, rng, tol):
        result = super()._run(X, np.array(centers, dtype=float), rng, tol)
        if isinstance(centers, np.ndarray) and centers.dtype == float:
            centers[...] = result[0]
        return result
