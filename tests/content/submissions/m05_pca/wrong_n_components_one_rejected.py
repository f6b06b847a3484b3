"""Wrong: n_components must be at least 2 (1 < k), so a projection on the first axis alone raises.

Fails: fit_returns_self
Says: n_components=1
"""

from __future__ import annotations

from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        if self.n_components is not None and self.n_components < 2:
            raise ValueError("n_components must be at least 2")
        return super().fit(X)
