"""Wrong: predict leaves out the intercept for a model fitted by SGD.

Fails: predict_on_new_data
Says: X @ coef_ + intercept_, sgd
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def predict(self, X):
        pred = super().predict(X)
        return pred - self.intercept_ if self.method == "sgd" else pred
