"""Wrong: SGD visits the samples in the order 0, 1, ..., n - 1 every epoch (deterministic:
random_state does nothing).

Fails: sgd_random_order
Says: does not depend on random_state
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _order(self, rng, n):
        return np.arange(n)
