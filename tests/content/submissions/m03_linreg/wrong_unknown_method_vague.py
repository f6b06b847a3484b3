"""Wrong: an unknown method raises ValueError, but its message does not say what is wrong.

Fails: unknown_method
Says: the method
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _check_method(self):
        if self.method not in ("normal", "gd", "sgd"):
            raise ValueError("invalid input")
