"""Wrong: gradient_descent updates x in place (x -= ...) and appends the same array each time, so
every row of the path is the last point.

Fails: gradient_descent_path
Says: path[0], x0
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def gradient_descent(grad_f, x0, learning_rate, n_steps):
    x = np.array(x0, dtype=float)
    path = [x]
    for _ in range(n_steps):
        x -= learning_rate * np.asarray(grad_f(x), dtype=float)
        path.append(x)
    return np.array(path)
