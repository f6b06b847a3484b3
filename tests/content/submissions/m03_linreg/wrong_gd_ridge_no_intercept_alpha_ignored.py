"""Wrong: gradient descent forgets alpha when fit_intercept=False.

Fails: gd_ridge
Says: alpha ignored, fit_intercept=False
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        if self.fit_intercept:
            return super()._gd_step(X, y, w, b)
        n = len(y)
        r = y - X @ w
        return w - self.learning_rate * (-(X.T @ r) / n), 0.0
