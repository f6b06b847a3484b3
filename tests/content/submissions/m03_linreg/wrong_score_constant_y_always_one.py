"""Wrong: score of a constant y is always 1.0, even when the predictions are not exact.

Fails: score_constant_y
Says: expected 0.0
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def score(self, X, y):
        pred = self.predict(X)
        y = self._check_y(y, len(pred))
        ss_tot = np.sum((y - y.mean()) ** 2)
        if ss_tot == 0:
            return 1.0
        return float(1 - np.sum((y - pred) ** 2) / ss_tot)
