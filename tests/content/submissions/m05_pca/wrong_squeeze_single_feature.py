"""Wrong: fit squeezes X and makes it 2-D again with np.atleast_2d: data with a single feature come
out as one sample of n features.

Fails: fit_returns_self
Says: 1 feature
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        return super().fit(np.atleast_2d(np.squeeze(np.asarray(X, dtype=float))))
