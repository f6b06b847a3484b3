"""Wrong: the gradient is summed over the samples, not averaged (missing 1 / n): it diverges.

Fails: gd_converges
Says: diverged, averaged
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        r = y - X @ w - b
        w = w - self.learning_rate * (-(X.T @ r) + self.alpha * w)
        if self.fit_intercept:
            b = b - self.learning_rate * (-r.sum())
        return w, b
