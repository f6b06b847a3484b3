"""Wrong: gradient descent ignores learning_rate and always steps by 0.1.

Fails: learning_rate_used
Says: learning_rate, gd
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        rate = self.learning_rate
        self.learning_rate = 0.1
        try:
            return super()._gd_step(X, y, w, b)
        finally:
            self.learning_rate = rate
