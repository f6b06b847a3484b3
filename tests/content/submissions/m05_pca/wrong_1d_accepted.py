"""Wrong: X is not checked to be 2-D: a 1-D X fails at "n, p = X.shape" with a ValueError about
unpacking, which does not say what is wrong with X.

Fails: invalid_input_raises
Says: shape (20,), name the problem
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    @staticmethod
    def _checked(X, name="X"):
        X = np.array(X, dtype=np.float64)
        if X.size == 0:
            raise ValueError(f"{name} is empty, shape {X.shape}")
        if not np.all(np.isfinite(X)):
            raise ValueError(f"{name} contains NaN or inf")
        return X
