"""Wrong: the ratio divides by the total variance without a guard: constant data give 0 / 0 = nan
instead of 0.0.

Fails: explained_variance_ratio
Says: constant data, nan
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        super().fit(X)
        total = float(np.var(np.asarray(X, dtype=float), axis=0, ddof=1).sum())
        with np.errstate(invalid="ignore", divide="ignore"):
            self.explained_variance_ratio_ = self.explained_variance_ / total
        return self
