"""Wrong: the random generator is created in __init__, so a second fit continues its stream.

Fails: sgd_reproducible
Says: fitting the same model twice
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._rng = np.random.default_rng(self.random_state)

    def _order(self, rng, n):
        return self._rng.permutation(n)
