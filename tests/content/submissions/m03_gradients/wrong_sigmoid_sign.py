"""Wrong: sigmoid computes 1 / (1 + e^z), the sigmoid of -z (stable, but the wrong function).

Fails: sigmoid_values
Says: sigmoid on
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def sigmoid(z):
    z = -np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0.0, 1.0, e) / (1.0 + e)
