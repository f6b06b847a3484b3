"""Wrong: gradient_descent always takes at least one step, so n_steps=0 returns two points.

Fails: gradient_descent_path
Says: n_steps=0
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def gradient_descent(grad_f, x0, learning_rate, n_steps):
    x = np.array(x0, dtype=float)
    path = [x]
    for _ in range(max(n_steps, 1)):
        x = x - learning_rate * np.asarray(grad_f(x), dtype=float)
        path.append(x)
    return np.array(path)
