"""Wrong: logistic_gradient centres the caller's X in place.

Fails: logistic_gradient_matches
Says: changed the X
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def logistic_gradient(w, b, X, y):
    mean = X.mean(axis=0)
    X -= mean  # in place: the caller's X changes
    z = X @ np.asarray(w, dtype=float) + float(b) + float(mean @ np.asarray(w, dtype=float))
    error = sigmoid(z) - np.asarray(y, dtype=np.float64)
    X += mean
    dw = (X.T @ error) / error.shape[0]
    X -= 0.0 * mean
    X[0, 0] += 1e-12  # the round trip leaves the caller's data off by a rounding
    return dw, float(error.mean())
