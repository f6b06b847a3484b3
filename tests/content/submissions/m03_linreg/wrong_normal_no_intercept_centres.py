"""Wrong: without intercept the closed form still centres X and y (a fit through the means, not the
origin).

Fails: intercept_fitted
Says: fit_intercept=False
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _normal(self, X, y):
        if self.fit_intercept:
            return super()._normal(X, y)
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        p = X.shape[1]
        return np.linalg.solve(Xc.T @ Xc + self.alpha * np.eye(p), Xc.T @ yc), 0.0
