"""Wrong: gradient descent divides the step by 1 + 0.01 * step number.

Fails: learning_rate_used
Says: same factor, no decay
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        k = len(self.loss_history_)
        rate = self.learning_rate
        self.learning_rate = rate / (1 + 0.01 * k)
        try:
            return super()._gd_step(X, y, w, b)
        finally:
            self.learning_rate = rate
