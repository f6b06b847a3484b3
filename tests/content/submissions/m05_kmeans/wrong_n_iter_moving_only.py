"""Wrong: n_iter_ counts only the iterations that moved a center: the last one, whose update moved
nothing, is not counted.

Fails: lloyd_matches_sklearn
Says: n_iter_
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _run(self, X, centers, rng, tol):
        centers, labels, inertia, n_iter = super()._run(X, centers, rng, tol)
        if 1 < n_iter < self.max_iter:
            n_iter -= 1
        return centers, labels, inertia, n_iter
