"""Wrong: fit accepts any method, falling back to the normal equations.

Fails: unknown_method
Says: raised nothing
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _check_method(self):
        pass

    def fit(self, X, y):
        if self.method not in ("gd", "sgd"):
            method, self.method = self.method, "normal"
            try:
                return super().fit(X, y)
            finally:
                self.method = method
        return super().fit(X, y)
