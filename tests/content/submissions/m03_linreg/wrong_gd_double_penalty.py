"""Wrong: the penalty's gradient is 2 * alpha * w / n (the gradient of a loss without the 1/2 for
the penalty only).

Fails: gd_ridge
Says: 2 * alpha
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        n = len(y)
        r = y - X @ w - b
        w = w - self.learning_rate * (-(X.T @ r) / n + 2 * self.alpha * w / n)
        if self.fit_intercept:
            b = b + self.learning_rate * r.mean()
        return w, b
