"""Wrong: coef_ is a column of shape (n_features, 1).

Fails: fit_returns_self
Says: shape
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        self.coef_ = self.coef_.reshape(-1, 1)
        return self

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise ValueError("Not fitted yet: call fit(X, y) first.")
        return np.asarray(X, dtype=float) @ self.coef_.ravel() + self.intercept_
