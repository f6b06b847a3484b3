"""Wrong: the closed form calls scipy.linalg.lstsq (SciPy is not allowed either).

Fails: from_scratch
Says: scipy
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):

    def _normal(self, X, y):
        from scipy.linalg import lstsq

        n, p = X.shape
        A = np.column_stack([X, np.ones(n)]) if self.fit_intercept else X
        k = A.shape[1]
        mask = np.ones(k)
        if self.fit_intercept:
            mask[-1] = 0.0
        A = np.vstack([A, np.sqrt(self.alpha) * np.diag(mask)])
        theta = lstsq(A, np.concatenate([y, np.zeros(k)]))[0]
        return (theta[:p], theta[p]) if self.fit_intercept else (theta, 0.0)
