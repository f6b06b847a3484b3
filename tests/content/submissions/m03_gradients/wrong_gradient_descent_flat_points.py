"""Wrong: gradient_descent flattens each point, so a 2 x 2 x0 gives rows of 4 numbers.

Fails: gradient_descent_path
Says: x0's shape
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def gradient_descent(grad_f, x0, learning_rate, n_steps):
    x = np.array(x0, dtype=float)
    path = [x.ravel()]
    for _ in range(n_steps):
        x = x - learning_rate * np.asarray(grad_f(x), dtype=float)
        path.append(x.ravel())
    return np.array(path)
