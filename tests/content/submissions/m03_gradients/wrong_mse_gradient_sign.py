"""Wrong: mse_gradient uses y - prediction (a sign error).

Fails: mse_gradient_matches
Says: wrong sign
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def mse_gradient(w, b, X, y):
    X_arr, z = _scores(w, b, X)
    residual = np.asarray(y, dtype=np.float64) - z
    return (2.0 / residual.shape[0]) * (X_arr.T @ residual), 2.0 * float(residual.mean())
