"""Wrong: np.where picks the right formula but computes both, overflowing.

Fails: sigmoid_stable
Says: np.where computes both
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array


def sigmoid(z: ArrayLike) -> Array:
    """1 / (1 + e^-z), elementwise, without overflow for any z (same shape as z)."""
    z_arr = np.asarray(z, dtype=np.float64)
    return np.where(z_arr >= 0, 1.0 / (1.0 + np.exp(-z_arr)), np.exp(z_arr) / (1.0 + np.exp(z_arr)))
