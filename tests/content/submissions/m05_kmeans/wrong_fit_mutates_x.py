"""Wrong: fit centres the caller's X in place (X -= mean) and adds the mean back to the centers.

Fails: fit_returns_self
Says: changed the X
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        if isinstance(X, np.ndarray) and X.dtype == float:
            mean = X.mean(axis=0)
            X -= mean
            init = self.init
            if not isinstance(init, str):
                self.init = np.asarray(init, dtype=float) - mean
            try:
                super().fit(X)
            finally:
                self.init = init
            self.cluster_centers_ = self.cluster_centers_ + mean
            return self
        return super().fit(X)
