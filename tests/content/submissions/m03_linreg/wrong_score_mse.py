"""Wrong: score returns the mean squared error instead of R^2.

Fails: score_is_r2
Says: mean squared error
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def score(self, X, y):
        y = np.asarray(y, dtype=float)
        return float(np.mean((y - self.predict(X)) ** 2))
