"""Wrong: X with no column is not refused as such: it ends in "n_components=0 is out of range
1..0", which does not say that X is empty.

Fails: invalid_input_raises
Says: shape (20, 0), name the problem
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    @staticmethod
    def _checked(X, name="X"):
        X = np.array(X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"{name} must be 2-D, got shape {X.shape}")
        if not np.all(np.isfinite(X)):
            raise ValueError(f"{name} contains NaN or inf")
        return X
