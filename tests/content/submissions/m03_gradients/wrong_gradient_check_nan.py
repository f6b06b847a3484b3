"""Wrong: gradient_check does not look for NaN or infinity: a NaN gradient gives NaN, not inf.

Fails: gradient_check_value
Says: return inf
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def gradient_check(f, grad_f, params, eps=1e-6):
    point = np.asarray(params, dtype=np.float64)
    analytic = np.asarray(grad_f(point.copy()), dtype=np.float64)
    numeric = numerical_gradient(f, point, eps)
    diff = np.abs(analytic - numeric)
    scale = np.maximum(np.abs(analytic), np.abs(numeric))
    errors = np.divide(diff, scale, out=np.zeros_like(diff), where=scale > 0.0)
    return float(errors.max(initial=0.0))
