"""Wrong: mse_loss is the sum of the squared residuals, not the mean.

Fails: mse_loss_value
Says: divide by n
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array, _scores  # noqa: F401


def mse_loss(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> float:
    """Mean squared error of the linear model: L = (1/n) * sum_i (x_i . w + b - y_i)^2."""
    _, z = _scores(w, b, X)
    residual = z - np.asarray(y, dtype=np.float64)  # (n_samples,)
    return float(residual @ residual)
