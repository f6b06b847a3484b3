"""Wrong: n_init is not validated: n_init=0 makes no run and fails later with a TypeError.

Fails: invalid_input_raises
Says: n_init=0, TypeError
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _check_params(self, X):
        n_init, self.n_init = self.n_init, 1
        try:
            super()._check_params(X)
        finally:
            self.n_init = n_init
