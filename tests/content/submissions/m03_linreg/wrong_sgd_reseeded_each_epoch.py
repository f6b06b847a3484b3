"""Wrong: SGD creates its generator inside the epoch loop, so every epoch draws the same order.

Fails: sgd_random_order
Says: cycle
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _order(self, rng, n):
        return np.random.default_rng(self.random_state).permutation(n)
