"""Wrong: each SGD step applies the whole penalty alpha * w, not its share (alpha / n) * w.

Fails: sgd_ridge
Says: alpha * n_samples
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _sgd_epoch(self, X, y, w, b, rng):
        n = len(y)
        for i in self._order(rng, n):
            r_i = y[i] - X[i] @ w - b
            w = w - self.learning_rate * (-r_i * X[i] + self.alpha * w)
            if self.fit_intercept:
                b = b + self.learning_rate * r_i
        return w, b
