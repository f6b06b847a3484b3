"""Wrong: with fit_intercept=False, intercept_ is set to the mean residual instead of 0.0.

Fails: fit_returns_self
Says: must be 0.0
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        if not self.fit_intercept:
            X = np.asarray(X, dtype=float)
            self.intercept_ = float(np.mean(np.asarray(y, dtype=float) - X @ self.coef_))
        return self
