"""Wrong: mse_gradient forgets the bias gradient (db = 0).

Fails: mse_gradient_matches
Says: db is 0.0
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
    n_samples = residual.shape[0]
    dw = (2.0 / n_samples) * (X_arr.T @ residual)  # (n_features,)
    db = 0.0
    return dw, db
