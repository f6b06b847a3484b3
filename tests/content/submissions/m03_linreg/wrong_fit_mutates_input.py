"""Wrong: fit centres the caller's X in place (X -= mean), changing their data (every method).

Fails: fit_returns_self
Says: changed the X, in-place
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        if not (isinstance(X, np.ndarray) and X.dtype == np.float64):
            return super().fit(X, y)
        mean = X.mean(axis=0)
        X -= mean  # the caller's array: changed in place
        super().fit(X, y)
        self.intercept_ = float(self.intercept_ - mean @ self.coef_)
        return self
