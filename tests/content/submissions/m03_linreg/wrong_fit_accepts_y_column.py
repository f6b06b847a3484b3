"""Wrong: a y of shape (n, 1) is flattened instead of refused (the brief asks for ValueError).

Fails: fit_rejects_bad_input
Says: shape (n, 1)
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _check_y(self, y, n):
        y = np.asarray(y, dtype=float)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        return super()._check_y(y, n)
