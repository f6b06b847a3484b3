"""Wrong: SGD steps on mini-batches of 10 samples (the mean of their gradients), not on one sample
at a time.

Fails: sgd_random_order
Says: one sample at a time
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _sgd_epoch(self, X, y, w, b, rng):
        n = len(y)
        order = self._order(rng, n)
        for start in range(0, n, 10):
            idx = order[start : start + 10]
            r = y[idx] - X[idx] @ w - b
            w = w - self.learning_rate * (-(X[idx].T @ r) / len(idx) + self.alpha * w / n)
            if self.fit_intercept:
                b = b + self.learning_rate * r.mean()
        return w, b
