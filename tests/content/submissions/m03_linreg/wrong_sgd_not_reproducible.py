"""Wrong: SGD draws its order from an unseeded generator, so random_state has no effect.

Fails: sgd_reproducible
Says: random_state=0, default_rng
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _order(self, rng, n):
        return np.random.default_rng().permutation(n)
