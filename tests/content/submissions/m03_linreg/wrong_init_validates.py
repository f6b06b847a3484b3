"""Wrong: __init__ raises ValueError for an unknown method (scikit-learn validates in fit).

Fails: unknown_method
Says: __init__
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def __init__(self, method="normal", *args, **kwargs):
        if method not in ("normal", "gd", "sgd"):
            raise ValueError(f"unknown method {method!r}")
        super().__init__(method, *args, **kwargs)
