"""Wrong: the ratio guards against a zero total variance with `if total > 1`, so data of small
variance get ratios of 0.

Fails: explained_variance_ratio
Says: small variance
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        super().fit(X)
        total = np.asarray(X, dtype=float).var(axis=0, ddof=1).sum()
        if not total > 1.0:
            self.explained_variance_ratio_ = np.zeros_like(self.explained_variance_)
        return self
