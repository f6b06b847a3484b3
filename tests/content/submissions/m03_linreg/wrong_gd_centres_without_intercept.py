"""Wrong: gradient descent centres X even with fit_intercept=False.

Fails: gd_converges
Says: no centring
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _gd_step(self, X, y, w, b):
        if not self.fit_intercept:
            X = X - X.mean(axis=0)
        return super()._gd_step(X, y, w, b)
