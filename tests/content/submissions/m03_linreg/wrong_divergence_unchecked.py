"""Wrong: a diverging gradient descent returns NaN coefficients instead of raising ValueError.

Fails: divergence_raises
Says: learning_rate=1000, expected it to raise ValueError
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        if self.method == "normal":
            return super().fit(X, y)
        self._check_method()
        self._check_settings()
        X = self._check_X(X)
        y = self._check_y(y, len(X))
        w, b = np.zeros(X.shape[1]), 0.0
        rng = np.random.default_rng(self.random_state)
        self.loss_history_ = []
        for _ in range(self.n_iters):
            if self.method == "gd":
                w, b = self._gd_step(X, y, w, b)
            else:
                w, b = self._sgd_epoch(X, y, w, b, rng)
            self.loss_history_.append(self._loss(X, y, w, b))
        self.coef_, self.intercept_ = w, float(b)
        return self
