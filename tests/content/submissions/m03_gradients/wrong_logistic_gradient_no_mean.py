"""Wrong: logistic_gradient sums over the samples (the 1/n is missing).

Fails: logistic_gradient_matches
Says: times the gradient, divide by n
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def logistic_gradient(w, b, X, y):
    X_arr, z = _scores(w, b, X)
    error = sigmoid(z) - np.asarray(y, dtype=np.float64)
    return X_arr.T @ error, float(error.sum())
