"""Wrong: method="normal" runs 50 steps of gradient descent instead of solving the normal equations.

Fails: normal_matches_sklearn
Says: coef_
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _normal(self, X, y):
        w, b = np.zeros(X.shape[1]), 0.0
        scale = float(np.max(np.sum(X * X, axis=1)))
        rate, self.learning_rate = self.learning_rate, 1.0 / scale
        try:
            for _ in range(50):
                w, b = self._gd_step(X, y, w, b)
        finally:
            self.learning_rate = rate
        return w, b
