"""Wrong: predict checks the shape of X but not its values: a sample with a NaN gets label 0.

Fails: invalid_input_raises
Says: predict(X with a NaN)
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def predict(self, X):
        if not hasattr(self, "cluster_centers_"):
            raise ValueError("KMeans is not fitted yet: call fit first")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.cluster_centers_.shape[1]:
            raise ValueError(f"X must be 2-D with {self.cluster_centers_.shape[1]} features")
        return self._distances(X, self.cluster_centers_).argmin(axis=1)
