"""Wrong: gradient_check rejects a grad_f of another shape, but its message does not say why.

Fails: gradient_check_rejects_wrong_shape
Says: right type, name the problem, with the word 'shape'
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients import reference
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array


def gradient_check(
    f: Callable[[Array], float],
    grad_f: Callable[[Array], ArrayLike],
    params: ArrayLike,
    eps: float = 1e-6,
) -> float:
    """The reference's gradient_check, after a check whose message names no problem."""
    if np.shape(grad_f(np.array(params, dtype=np.float64))) != np.shape(params):
        raise ValueError("bad grad_f")
    return reference.gradient_check(f, grad_f, params, eps)
