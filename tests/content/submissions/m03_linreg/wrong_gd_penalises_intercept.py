"""Wrong: gradient descent shrinks b with the penalty too.

Fails: gd_ridge
Says: penalised intercept
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        n = len(y)
        r = y - X @ w - b
        w = w - self.learning_rate * (-(X.T @ r) / n + self.alpha * w / n)
        if self.fit_intercept:
            b = b - self.learning_rate * (-r.mean() + self.alpha * b / n)
        return w, b
