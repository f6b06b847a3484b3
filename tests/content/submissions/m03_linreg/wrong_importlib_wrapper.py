"""Wrong: the closed form reaches scikit-learn through importlib.import_module.

Fails: from_scratch
Says: sklearn, linreg.py
"""

from __future__ import annotations

import importlib

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _normal(self, X, y):
        Ridge = importlib.import_module("sklearn.linear_model").Ridge
        model = Ridge(alpha=self.alpha, fit_intercept=self.fit_intercept).fit(X, y)
        return np.asarray(model.coef_, dtype=float), float(model.intercept_)
