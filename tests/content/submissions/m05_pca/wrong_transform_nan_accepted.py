"""Wrong: transform checks the shape of X but not its values: a NaN gives a row of nan scores.

Fails: invalid_input_raises
Says: transform(X with a NaN)
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
        if X.ndim != 2 or X.shape[1] != self.components_.shape[1]:
            raise ValueError(f"X must be 2-D with {self.components_.shape[1]} features")
        return np.dot(X - self.mean_, self.components_.T)
