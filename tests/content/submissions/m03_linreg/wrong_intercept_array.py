"""Wrong: intercept_ is a one-element array, not a float.

Fails: fit_returns_self
Says: must be a float
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        self.intercept_ = np.array([self.intercept_])
        return self

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise ValueError("Not fitted yet: call fit(X, y) first.")
        return np.asarray(X, dtype=float) @ self.coef_ + self.intercept_[0]
