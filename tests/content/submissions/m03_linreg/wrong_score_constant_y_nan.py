"""Wrong: score divides by SS_tot even when y is constant (SS_tot = 0): NaN or -inf.

Fails: score_constant_y
Says: constant
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def score(self, X, y):
        pred = self.predict(X)
        y = self._check_y(y, len(pred))
        return float(1 - np.sum((y - pred) ** 2) / np.sum((y - y.mean()) ** 2))
