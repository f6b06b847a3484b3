"""Wrong: numerical_gradient moves the caller's array and never restores it.

Fails: numerical_gradient_central
Says: changed the params
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array


def numerical_gradient(f: Callable[[Array], float], params: ArrayLike, eps: float = 1e-6) -> Array:
    """Central differences: g_i = (f(p + eps e_i) - f(p - eps e_i)) / (2 eps), p's shape.

    `params` may have any shape; it is not changed. f is called 2 * params.size times.
    """
    point = np.asarray(params, dtype=np.float64)  # no copy
    flat = point.reshape(-1)  # a view of `point`: writing flat[i] moves point too
    grad = np.empty(flat.shape[0])
    for i in range(flat.shape[0]):
        saved = flat[i]
        flat[i] = saved + eps
        f_plus = float(f(point))
        flat[i] = saved - eps
        f_minus = float(f(point))
        grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad.reshape(point.shape)
