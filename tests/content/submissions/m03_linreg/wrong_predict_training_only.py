"""Wrong: predict returns the predictions stored for the training data, whatever X is.

Fails: predict_on_new_data
Says: training predictions
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        self._train_pred = np.asarray(X, dtype=float) @ self.coef_ + self.intercept_
        return self

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise ValueError("Not fitted yet: call fit(X, y) first.")
        return self._train_pred
