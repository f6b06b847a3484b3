"""Wrong: logistic_gradient uses y - p (a sign error).

Fails: logistic_gradient_matches
Says: wrong sign
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array, _scores


def logistic_gradient(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> tuple[Array, float]:
    """Gradient of `logistic_loss`: dL/dw = X^T (p - y) / n, dL/db = mean(p - y), p = sigmoid(z)."""
    X_arr, z = _scores(w, b, X)
    error = np.asarray(y, dtype=np.float64) - sigmoid(z)  # (n_samples,), each in [-1, 1]
    dw = (X_arr.T @ error) / error.shape[0]  # (n_features,)
    return dw, float(error.mean())
