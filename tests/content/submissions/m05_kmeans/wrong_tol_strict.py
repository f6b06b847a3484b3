"""Wrong: stops when the shift is strictly below the threshold (shift < tol): with tol=0 a run never
stops before max_iter.

Fails: lloyd_matches_sklearn
Says: n_iter_
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _run(self, X, centers, rng, tol):
        return super()._run(X, centers, rng, np.nextafter(tol, -np.inf))
