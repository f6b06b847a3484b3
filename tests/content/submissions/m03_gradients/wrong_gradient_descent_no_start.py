"""Wrong: the path of gradient_descent leaves out x0.

Fails: gradient_descent_path
Says: x0 itself
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array


def gradient_descent(
    grad_f: Callable[[Array], ArrayLike], x0: ArrayLike, learning_rate: float, n_steps: int
) -> Array:
    """The path of gradient descent, x_{k+1} = x_k - learning_rate * grad_f(x_k).

    Returns an array of shape (n_steps + 1, *x0.shape): row 0 is x0, row k the point after
    k steps. x0 is not changed.
    """
    x = np.array(x0, dtype=np.float64)  # a copy
    path = np.empty((n_steps + 1, *x.shape))
    path[0] = x
    for k in range(1, n_steps + 1):
        x = x - learning_rate * np.asarray(grad_f(x), dtype=np.float64)  # a new array
        path[k] = x
    return path[1:]
