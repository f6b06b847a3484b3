"""Wrong: predict uses X as given, without the checks fit makes (NaN is predicted as NaN).

Fails: predict_rejects_bad_input
Says: predict with
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise ValueError("Not fitted yet: call fit(X, y) first.")
        X = np.asarray(X, dtype=float)
        if X.shape[-1] != len(self.coef_):
            raise ValueError(f"X has {X.shape[-1]} features, fit saw {len(self.coef_)}")
        return X @ self.coef_ + self.intercept_
