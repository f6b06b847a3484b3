"""Wrong: fit refuses data with fewer than 3 samples, though 2 already have a variance (n - 1 = 1).

Fails: fit_returns_self
Says: 2 samples
"""

from __future__ import annotations

from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        if len(X) < 3:
            raise ValueError("PCA needs at least 3 samples")
        return super().fit(X)
