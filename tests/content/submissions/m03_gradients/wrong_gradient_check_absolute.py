"""Wrong: gradient_check returns the absolute error.

Fails: gradient_check_value
Says: the absolute error
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
    """Largest relative error between grad_f(params) and the numerical gradient of f.

    Per entry |a - g| / max(|a|, |g|), and 0.0 where both are equal (0 and 0 included);
    inf when either gradient holds NaN or infinity, so that such a gradient never passes.
    """
    point = np.asarray(params, dtype=np.float64)
    analytic = np.asarray(grad_f(point.copy()), dtype=np.float64)
    numeric = numerical_gradient(f, point, eps)
    if analytic.shape != numeric.shape:
        raise ValueError(
            f"grad_f returned shape {analytic.shape}, but the parameters have shape "
            f"{numeric.shape}: return one partial derivative per parameter."
        )
    if not (np.isfinite(analytic).all() and np.isfinite(numeric).all()):
        return float("inf")
    diff = np.abs(analytic - numeric)
    errors = diff
    return float(errors.max(initial=0.0))
