"""Wrong: numerical_gradient calls f with the flattened parameters instead of an array of params'
shape.

Fails: numerical_gradient_central
Says: called f with arrays of shape
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def numerical_gradient(f, params, eps=1e-6):
    point = np.array(params, dtype=float)
    flat = point.ravel().copy()
    grad = np.empty(flat.shape[0])
    for i in range(flat.shape[0]):
        step = np.zeros(flat.shape[0])
        step[i] = eps
        grad[i] = (float(f(flat + step)) - float(f(flat - step))) / (2 * eps)
    return grad.reshape(point.shape)
