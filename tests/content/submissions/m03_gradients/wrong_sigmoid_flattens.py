"""Wrong: sigmoid returns a flat array whatever the shape of z.

Fails: sigmoid_values
Says: shape
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def sigmoid(z):
    z = np.asarray(z, dtype=float).ravel()
    e = np.exp(-np.abs(z))
    return np.where(z >= 0.0, 1.0, e) / (1.0 + e)
