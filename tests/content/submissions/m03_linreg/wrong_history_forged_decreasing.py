"""Wrong: a forged, decreasing loss history of the right length whose last entry is the true final
loss (the others are made up).

Fails: loss_history_trace
Says: first, entries
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        if self.method != "normal":
            last, k = self.loss_history_[-1], len(self.loss_history_)
            self.loss_history_ = [last * (1 + (k - j) / k) for j in range(1, k + 1)]
        return self
