"""Wrong: gradient descent stops once the loss changes by less than 1e-9, so loss_history_ is
shorter than n_iters.

Fails: gd_converges
Says: exactly n_iters, 1000
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        if self.method != "gd":
            return super().fit(X, y)
        self._check_method()
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        w, b = np.zeros(X.shape[1]), 0.0
        self.loss_history_ = []
        for _ in range(self.n_iters):
            w, b = self._gd_step(X, y, w, b)
            self.loss_history_.append(self._loss(X, y, w, b))
            if len(self.loss_history_) > 1 and (
                self.loss_history_[-2] - self.loss_history_[-1] < 1e-9
            ):
                break
        self.coef_, self.intercept_ = w, float(b)
        return self
