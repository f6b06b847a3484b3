"""Wrong: predict does not compare the number of columns of X with the one fit saw.

Fails: predict_rejects_bad_input
Says: feature
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise ValueError("Not fitted yet: call fit(X, y) first.")
        return self._check_X(X) @ self.coef_ + self.intercept_
