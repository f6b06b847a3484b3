"""Wrong: loss_history_ is a NumPy array, not a list.

Fails: fit_returns_self
Says: must be a list
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def fit(self, X, y):
        super().fit(X, y)
        self.loss_history_ = np.array(self.loss_history_)
        return self
