"""Wrong: mse_loss takes the square root (the RMSE).

Fails: mse_loss_value
Says: root mean squared error
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def mse_loss(w, b, X, y):
    _, z = _scores(w, b, X)
    residual = z - np.asarray(y, dtype=np.float64)
    return float(np.sqrt(residual @ residual / residual.shape[0]))
