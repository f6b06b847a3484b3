"""Wrong: transform centres new data with their own mean.

Fails: transform_matches_sklearn
Says: THEIR OWN mean
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def transform(self, X):
        if getattr(self, "components_", None) is None:
            raise AttributeError("call fit before transform")
        X = np.asarray(X, dtype=float)
        return np.dot(X - X.mean(axis=0), self.components_.T)
