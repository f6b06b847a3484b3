"""Wrong: method="normal" records its final loss in loss_history_ instead of leaving it empty.

Fails: loss_history_trace
Says: empty list
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        if self.method == "normal":
            X = np.asarray(X, dtype=float)
            y = np.asarray(y, dtype=float)
            self.loss_history_ = [self._loss(X, y, self.coef_, self.intercept_)]
        return self
