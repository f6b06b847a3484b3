"""Wrong: n_iter_ counts from 0: it reports one iteration fewer than were run.

Fails: lloyd_matches_sklearn
Says: n_iter_
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        super().fit(X)
        self.n_iter_ -= 1
        return self
