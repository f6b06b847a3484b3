"""Wrong: predict before fit fails with an AttributeError that does not say to call fit.

Fails: init_and_unfitted
Says: call fit(X) first
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def predict(self, X):
        return self._distances(np.asarray(X, dtype=float), self.cluster_centers_).argmin(axis=1)
