"""Wrong: the normal equations without the column of ones (intercept_ stays 0.0).

Fails: intercept_fitted
Says: column of ones
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _normal(self, X, y):
        p = X.shape[1]
        return np.linalg.solve(X.T @ X + self.alpha * np.eye(p), X.T @ y), 0.0
