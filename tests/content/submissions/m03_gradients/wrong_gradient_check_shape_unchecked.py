"""Wrong: gradient_check never compares grad_f's shape with params'.

Fails: gradient_check_rejects_wrong_shape
Says: returned, expected it to raise ValueError, shape (1,)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array


def gradient_check(
    f: Callable[[Array], float],
    grad_f: Callable[[Array], ArrayLike],
    params: ArrayLike,
    eps: float = 1e-6,
) -> float:
    """Largest relative error; a grad_f of one number is broadcast against every entry."""
    point = np.asarray(params, dtype=np.float64)
    analytic = np.asarray(grad_f(point.copy()), dtype=np.float64)
    numeric = numerical_gradient(f, point, eps)
    if not (np.isfinite(analytic).all() and np.isfinite(numeric).all()):
        return float("inf")
    diff = np.abs(analytic - numeric)
    scale = np.maximum(np.abs(analytic), np.abs(numeric))
    return float(np.max(diff / np.where(scale > 0.0, scale, 1.0)))
