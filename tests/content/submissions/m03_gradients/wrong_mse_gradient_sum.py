"""Wrong: mse_gradient sums over the samples (the 1/n is missing).

Fails: mse_gradient_matches
Says: n = 50 times the gradient
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array, _scores


def mse_gradient(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> tuple[Array, float]:
    """Gradient of `mse_loss`: dL/dw = (2/n) X^T r and dL/db = (2/n) sum(r), r = X w + b - y."""
    X_arr, z = _scores(w, b, X)
    residual = z - np.asarray(y, dtype=np.float64)  # (n_samples,)
    dw = 2.0 * (X_arr.T @ residual)  # (n_features,)
    db = 2.0 * float(residual.sum())
    return dw, db
