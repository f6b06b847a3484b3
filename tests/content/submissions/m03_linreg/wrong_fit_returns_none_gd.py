"""Wrong: fit returns self for "normal" but None for "gd" and "sgd".

Fails: fit_returns_self
Says: return self, gd
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        return self if self.method == "normal" else None
