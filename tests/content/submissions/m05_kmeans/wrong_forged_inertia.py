"""Wrong: inertia_ is forged: 10% below the inertia of the centers it keeps (a flattering number,
not a measured one).

Fails: labels_and_inertia_consistent
Says: inertia_
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        super().fit(X)
        self.inertia_ = 0.9 * self.inertia_
        return self
