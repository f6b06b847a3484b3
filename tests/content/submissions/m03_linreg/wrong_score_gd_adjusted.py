"""Wrong: score returns the adjusted R^2 for gradient descent.

Fails: score_is_r2
Says: R^2, gd
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def score(self, X, y):
        r2 = super().score(X, y)
        if self.method != "gd":
            return r2
        n, p = np.shape(X)
        return 1 - (1 - r2) * (n - 1) / (n - p - 1)
