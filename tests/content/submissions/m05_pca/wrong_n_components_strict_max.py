"""Wrong: n_components must be below min(n_samples, n_features) (k < limit), so asking for all the
components by number raises.

Fails: fit_returns_self
Says: n_components=5
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        n, p = np.shape(X)
        if self.n_components is not None and self.n_components >= min(n, p):
            raise ValueError("n_components must be below min(n_samples, n_features)")
        return super().fit(X)
