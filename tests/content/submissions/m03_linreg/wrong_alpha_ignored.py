"""Wrong: the closed form ignores alpha.

Fails: ridge_matches_sklearn
Says: alpha ignored
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _normal(self, X, y):
        alpha = self.alpha
        self.alpha = 0.0
        try:
            return super()._normal(X, y)
        finally:
            self.alpha = alpha
