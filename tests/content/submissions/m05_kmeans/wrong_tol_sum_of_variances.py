"""Wrong: the threshold is tol times the SUM of the feature variances, not their mean.

Fails: tol_is_relative
Says: np.mean(np.var(X
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _run(self, X, centers, rng, tol):
        return super()._run(X, centers, rng, tol * X.shape[1])
