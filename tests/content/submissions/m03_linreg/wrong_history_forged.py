"""Wrong: a forged loss history: the model is right, loss_history_ is [3.0, 2.0, 1.0] whatever
happened.

Fails: loss_history_trace
Says: exactly n_iters
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        if self.method != "normal":
            self.loss_history_ = [3.0, 2.0, 1.0]
        return self
