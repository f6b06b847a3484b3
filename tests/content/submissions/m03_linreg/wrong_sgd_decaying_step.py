"""Wrong: SGD divides the step by 1 + epoch number.

Fails: learning_rate_used
Says: same factor, no decay
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _sgd_epoch(self, X, y, w, b, rng):
        rate = self.learning_rate
        self.learning_rate = rate / (1 + len(self.loss_history_))
        try:
            return super()._sgd_epoch(X, y, w, b, rng)
        finally:
            self.learning_rate = rate
