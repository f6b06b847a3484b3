"""Wrong: numerical_gradient ignores the eps it is given and always uses 1e-6.

Fails: numerical_gradient_central
Says: with the eps given
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def numerical_gradient(f, params, eps=1e-6):
    point = np.array(params, dtype=float)
    flat = point.reshape(-1)
    grad = np.empty(flat.shape[0])
    for i in range(flat.shape[0]):
        saved = flat[i]
        flat[i] = saved + 1e-6
        up = float(f(point))
        flat[i] = saved - 1e-6
        down = float(f(point))
        flat[i] = saved
        grad[i] = (up - down) / 2e-6
    return grad.reshape(point.shape)
