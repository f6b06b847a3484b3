"""Wrong: loss_history_ is created once and fit appends to it, so a second fit's history holds both
fits.

Fails: sgd_reproducible
Says: loss_history_
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        old = getattr(self, "loss_history_", [])
        super().fit(X, y)
        self.loss_history_ = old + self.loss_history_
        old.clear()
        old.extend(self.loss_history_)
        self.loss_history_ = old
        return self
