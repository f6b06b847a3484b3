"""Wrong: fit_predict returns the fitted model instead of its labels_.

Fails: fit_returns_self
Says: fit_predict
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit_predict(self, X):
        return self.fit(X)
