"""Wrong: loss_history_ adds alpha * ||w||^2 / 2, the penalty not divided by n.

Fails: loss_history_trace
Says: penalty not divided by n
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _loss(self, X, y, w, b):
        r = y - X @ w - b
        return float(r @ r) / (2 * len(y)) + self.alpha * float(w @ w) / 2
