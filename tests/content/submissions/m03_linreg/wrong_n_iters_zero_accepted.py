"""Wrong: fit refuses a negative n_iters but accepts 0 (an off-by-one in the check).

Fails: bad_settings
Says: n_iters=0
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _check_settings(self):
        if self.alpha < 0:
            raise ValueError(f"alpha must be >= 0, got {self.alpha}")
        if self.method in ("gd", "sgd") and self.learning_rate <= 0:
            raise ValueError(f"learning_rate must be > 0, got {self.learning_rate}")
        if self.method in ("gd", "sgd") and self.n_iters < 0:
            raise ValueError(f"n_iters must be >= 0, got {self.n_iters}")
