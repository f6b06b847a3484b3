"""Wrong: y is not checked to have one value per row of X (a single y value broadcasts).

Fails: fit_rejects_bad_input
Says: value
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _check_y(self, y, n):
        y = np.asarray(y, dtype=float)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D, got shape {y.shape}")
        if not np.isfinite(y).all():
            raise ValueError("y contains NaN or infinity")
        return y
