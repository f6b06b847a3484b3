"""Wrong: SGD centres X even with fit_intercept=False.

Fails: sgd_converges
Says: no centring
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _sgd_epoch(self, X, y, w, b, rng):
        if not self.fit_intercept:
            X = X - X.mean(axis=0)
        return super()._sgd_epoch(X, y, w, b, rng)
