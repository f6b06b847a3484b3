"""Wrong: each SGD epoch draws n samples with replacement (rng.integers), so some are visited twice
and some not at all.

Fails: sgd_epochs
Says: exactly once, replacement
"""

from __future__ import annotations

from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _order(self, rng, n):
        return rng.integers(0, n, size=n)
