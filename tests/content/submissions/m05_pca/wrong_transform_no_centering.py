"""Wrong: transform projects X without subtracting mean_.

Fails: transform_matches_sklearn
Says: transform(X_new)
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def transform(self, X):
        if getattr(self, "components_", None) is None:
            raise AttributeError("call fit before transform")
        return np.asarray(X, dtype=float) @ self.components_.T
