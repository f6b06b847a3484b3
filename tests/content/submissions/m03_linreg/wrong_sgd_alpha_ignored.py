"""Wrong: SGD forgets the penalty.

Fails: sgd_ridge
Says: alpha ignored
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _sgd_epoch(self, X, y, w, b, rng):
        alpha = self.alpha
        self.alpha = 0.0
        try:
            return super()._sgd_epoch(X, y, w, b, rng)
        finally:
            self.alpha = alpha
