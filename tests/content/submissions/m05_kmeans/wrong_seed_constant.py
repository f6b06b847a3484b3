"""Wrong: the generator is always seeded with 0, whatever random_state says.

Fails: reproducible
Says: ignores random_state
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def fit(self, X):
        seed = self.random_state
        self.random_state = 0
        try:
            return super().fit(X)
        finally:
            self.random_state = seed
