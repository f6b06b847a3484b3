"""Wrong: SGD records the loss after every sample's step, not once per epoch.

Fails: loss_history_trace
Says: exactly n_iters, epoch
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _sgd_epoch(self, X, y, w, b, rng):
        n = len(y)
        for j, i in enumerate(self._order(rng, n)):
            r_i = y[i] - X[i] @ w - b
            w = w - self.learning_rate * (-r_i * X[i] + self.alpha * w / n)
            if self.fit_intercept:
                b = b + self.learning_rate * r_i
            if j < n - 1:
                self.loss_history_.append(self._loss(X, y, w, b))
        return w, b
