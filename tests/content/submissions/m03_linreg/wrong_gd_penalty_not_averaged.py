"""Wrong: gradient descent averages the squared error over n but not the penalty's gradient (alpha *
w, not (alpha / n) * w): it diverges.

Fails: gd_ridge
Says: divide the penalty's gradient by n
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        n = len(y)
        r = y - X @ w - b
        w = w - self.learning_rate * (-(X.T @ r) / n + self.alpha * w)
        if self.fit_intercept:
            b = b + self.learning_rate * r.mean()
        return w, b
