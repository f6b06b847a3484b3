"""Wrong: gradient_check returns the mean relative error, not the largest.

Fails: gradient_check_value
Says: return the largest one
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def gradient_check(f, grad_f, params, eps=1e-6):
    point = np.asarray(params, dtype=np.float64)
    analytic = np.asarray(grad_f(point.copy()), dtype=np.float64)
    numeric = numerical_gradient(f, point, eps)
    if not (np.isfinite(analytic).all() and np.isfinite(numeric).all()):
        return float("inf")
    diff = np.abs(analytic - numeric)
    scale = np.maximum(np.abs(analytic), np.abs(numeric))
    return float(np.mean(np.divide(diff, scale, out=np.zeros_like(diff), where=scale > 0.0)))
