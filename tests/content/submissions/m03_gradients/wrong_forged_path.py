"""Wrong: gradient_descent runs the steps but returns a made-up path: a straight line from x0 to
where the steps ended.

Fails: gradient_descent_path
Says: path
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def gradient_descent(grad_f, x0, learning_rate, n_steps):
    x = np.array(x0, dtype=float)
    start = x.copy()
    for _ in range(n_steps):
        x = x - learning_rate * np.asarray(grad_f(x), dtype=float)
    t = np.linspace(0.0, 1.0, n_steps + 1).reshape((-1,) + (1,) * start.ndim)
    return start + t * (x - start)
