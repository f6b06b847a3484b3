"""Wrong: the closed form reaches scikit-learn through importlib.import_module, with the module name
built at run time (no static scan sees it: the import fence stops it when fit runs).

Fails: normal_matches_sklearn
Says: sklearn, forbids
"""

from __future__ import annotations

import importlib

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _normal(self, X, y):
        name = ".".join(["sk" + "learn", "linear_model"])
        Ridge = importlib.import_module(name).Ridge
        model = Ridge(alpha=self.alpha, fit_intercept=self.fit_intercept).fit(X, y)
        return np.asarray(model.coef_, dtype=float), float(model.intercept_)
