"""Wrong: tol is ignored: every run goes on until the centers stop moving (or max_iter).

Fails: tol_is_relative
Says: tol
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _run(self, X, centers, rng, tol):
        return super()._run(X, centers, rng, 0.0)
