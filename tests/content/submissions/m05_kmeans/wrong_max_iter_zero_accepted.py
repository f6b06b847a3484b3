"""Wrong: max_iter is not validated: max_iter=0 returns the seeds unmoved, with n_iter_ = 0.

Fails: invalid_input_raises
Says: max_iter=0, raise ValueError
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _check_params(self, X):
        max_iter, self.max_iter = self.max_iter, 1
        try:
            super()._check_params(X)
        finally:
            self.max_iter = max_iter
