"""Wrong: __init__ sets coef_ = None, so an unfitted model looks fitted.

Fails: init_and_unfitted
Says: never fitted, coef_
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.coef_ = None
