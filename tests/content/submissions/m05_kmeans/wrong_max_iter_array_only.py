"""Wrong: max_iter caps the iterations of an array init only; k-means++ and random runs go on
until the centers stop moving.

Fails: kept_run_consistent
Says: max_iter
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _run(self, X, centers, rng, tol):
        if not isinstance(self.init, str):
            return super()._run(X, centers, rng, tol)
        cap = self.max_iter
        self.max_iter = 10_000
        try:
            return super()._run(X, centers, rng, tol)
        finally:
            self.max_iter = cap
