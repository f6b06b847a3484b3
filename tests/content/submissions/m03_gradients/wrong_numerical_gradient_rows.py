"""Wrong: numerical_gradient loops over len(params), moving whole rows of a matrix.

Fails: numerical_gradient_central
Says: in params' shape
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
    point = np.array(params, dtype=np.float64)  # a copy: the caller's array stays as it was
    grad = np.zeros(len(point))
    for i in range(len(point)):
        step = np.zeros_like(point)
        step[i] = eps
        grad[i] = (float(f(point + step)) - float(f(point - step))) / (2.0 * eps)
    return grad
