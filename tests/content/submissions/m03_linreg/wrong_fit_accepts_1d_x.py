"""Wrong: X is not checked to be 2-D: a 1-D X fails later, with NumPy's own error.

Fails: fit_rejects_bad_input
Says: 1-D X
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _check_X(self, X):
        X = np.asarray(X, dtype=float)
        if X.size == 0:
            raise ValueError(f"X must have at least one row and one column, got {X.shape}")
        if not np.isfinite(X).all():
            raise ValueError("X contains NaN or infinity")
        return X
