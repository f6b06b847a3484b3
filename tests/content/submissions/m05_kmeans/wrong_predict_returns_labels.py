"""Wrong: predict returns the training labels.

Fails: labels_and_inertia_consistent
Says: not return labels_
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def predict(self, X):
        if not hasattr(self, "cluster_centers_"):
            raise ValueError("KMeans is not fitted yet: call fit first")
        return self.labels_
