"""Wrong: gradient_descent moves the caller's x0 in place.

Fails: gradient_descent_path
Says: changed x0
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def gradient_descent(grad_f, x0, learning_rate, n_steps):
    x = np.asarray(x0, dtype=float)
    path = [x.copy()]
    for _ in range(n_steps):
        x -= learning_rate * np.asarray(grad_f(x), dtype=float)
        path.append(x.copy())
    return np.array(path)
