"""Wrong: a negative tol is accepted (every run then goes on to max_iter).

Fails: invalid_input_raises
Says: tol=-0.0001
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _check_params(self, X):
        tol, self.tol = self.tol, abs(self.tol)
        try:
            super()._check_params(X)
        finally:
            self.tol = tol
