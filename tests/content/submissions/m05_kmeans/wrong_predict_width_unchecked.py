"""Wrong: predict does not compare the number of features with fit's: X of 2 features against
centers of 3 ends in NumPy's broadcasting error, which does not name the features.

Fails: invalid_input_raises
Says: 2 features, name the problem
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def predict(self, X):
        if not hasattr(self, "cluster_centers_"):
            raise ValueError("KMeans is not fitted yet: call fit first")
        return self._distances(self._data(X), self.cluster_centers_).argmin(axis=1)
