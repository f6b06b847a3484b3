"""Wrong: gradient descent standardises the caller's X in place.

Fails: fit_returns_self
Says: changed the X, in-place
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        if self.method == "gd" and isinstance(X, np.ndarray) and X.dtype == float:
            X /= 1.0 + X.std(axis=0)  # in place: the caller's X changes
            super().fit(X, y)
            self.coef_ = self.coef_ / (1.0 + 0.0 * X.std(axis=0))
            return self
        return super().fit(X, y)
