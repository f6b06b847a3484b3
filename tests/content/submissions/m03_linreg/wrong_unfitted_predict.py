"""Wrong: predict before fit fails with a bare AttributeError that does not say to call fit.

Fails: init_and_unfitted
Says: should say to call fit
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def predict(self, X):
        return np.asarray(X, dtype=float) @ self.coef_ + self.intercept_
