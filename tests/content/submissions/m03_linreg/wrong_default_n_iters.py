"""Wrong: the default n_iters is 100, not the contract's 1000.

Fails: init_and_unfitted
Says: default, 1000
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def __init__(
        self,
        method="normal",
        learning_rate=0.01,
        n_iters=100,
        alpha=0.0,
        fit_intercept=True,
        random_state=None,
    ):
        super().__init__(method, learning_rate, n_iters, alpha, fit_intercept, random_state)
