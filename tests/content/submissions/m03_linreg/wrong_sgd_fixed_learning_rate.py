"""Wrong: SGD ignores learning_rate and always steps by 0.005.

Fails: learning_rate_used
Says: learning_rate, sgd
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _sgd_epoch(self, X, y, w, b, rng):
        rate = self.learning_rate
        self.learning_rate = 0.005
        try:
            return super()._sgd_epoch(X, y, w, b, rng)
        finally:
            self.learning_rate = rate
