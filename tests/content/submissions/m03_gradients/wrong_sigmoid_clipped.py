"""Wrong: sigmoid clips z to [-30, 30] before the textbook formula: no overflow, but sigmoid(-50) is
e^-30, not e^-50.

Fails: sigmoid_stable
Says: sigmoid on z
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -30.0, 30.0)
    return 1.0 / (1.0 + np.exp(-z))
