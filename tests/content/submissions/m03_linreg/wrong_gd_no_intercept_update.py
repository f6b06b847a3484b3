"""Wrong: gradient descent never updates b.

Fails: gd_converges
Says: intercept_ stayed 0.0
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        n = len(y)
        r = y - X @ w - b
        return w - self.learning_rate * (-(X.T @ r) / n + self.alpha * w / n), b
