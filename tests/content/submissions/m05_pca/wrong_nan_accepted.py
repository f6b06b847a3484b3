"""Wrong: X is not checked for NaN: np.linalg.svd then fails with a LinAlgError (a ValueError),
"SVD did not converge", which does not say that X holds NaN.

Fails: invalid_input_raises
Says: SVD did not converge, NaN
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    @staticmethod
    def _checked(X, name="X"):
        X = np.array(X, dtype=np.float64)
        if X.ndim != 2 or 0 in X.shape:
            raise ValueError(f"{name} must be 2-D and not empty, got shape {X.shape}")
        return X
