"""Wrong: mse_gradient scales the caller's w in place while computing dw.

Fails: mse_gradient_matches
Says: changed the w
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def mse_gradient(w, b, X, y):
    X_arr, z = _scores(w, b, X)
    residual = z - np.asarray(y, dtype=np.float64)
    w *= 1.0 + 1e-3  # a scratch use of the caller's array
    dw = (2.0 / residual.shape[0]) * (X_arr.T @ residual)
    return dw, 2.0 * float(residual.mean())
