"""Wrong: logistic_gradient computes p with the textbook sigmoid, which overflows for z = -1000.

Fails: logistic_extreme_logits
Says: overflow
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def logistic_gradient(w, b, X, y):
    X_arr, z = _scores(w, b, X)
    error = 1.0 / (1.0 + np.exp(-z)) - np.asarray(y, dtype=np.float64)
    return X_arr.T @ error / error.shape[0], float(error.mean())
