"""Wrong: fit accepts a negative alpha (a penalty that rewards large weights).

Fails: bad_settings
Says: alpha=-1.0, expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _check_settings(self):
        if self.method in ("gd", "sgd") and self.learning_rate <= 0:
            raise ValueError(f"learning_rate must be > 0, got {self.learning_rate}")
        if self.method in ("gd", "sgd") and self.n_iters < 1:
            raise ValueError(f"n_iters must be >= 1, got {self.n_iters}")
