"""Wrong: a diverging gradient descent raises FloatingPointError, not the ValueError the brief asks.

Fails: divergence_raises
Says: FloatingPointError, expected ValueError
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        try:
            return super().fit(X, y)
        except ValueError as exc:
            if "diverged" in str(exc):
                raise FloatingPointError(str(exc)) from None
            raise
