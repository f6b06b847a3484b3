"""Wrong: fit accepts "GD" by lower-casing the method.

Fails: unknown_method
Says: GD, lower case
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        method = self.method
        self.method = method.lower()
        try:
            return super().fit(X, y)
        finally:
            self.method = method
