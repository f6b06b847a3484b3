"""Wrong: gradient_check hands the work to scipy.optimize.check_grad, through importlib.

Fails: from_scratch
Says: scipy
"""

from __future__ import annotations

import importlib

import numpy as np
from tests.content.submissions.m03_gradients.reference import *


def gradient_check(f, grad_f, params, eps=1e-6):
    optimize = importlib.import_module("scipy.optimize")
    return float(optimize.check_grad(f, grad_f, np.asarray(params, dtype=float), epsilon=eps))
