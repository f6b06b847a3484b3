"""Wrong: gradient_check moves the caller's params while measuring (and does not put them back
exactly).

Fails: gradient_check_value
Says: changed the params
"""

from __future__ import annotations

from tests.content.submissions.m03_gradients.reference import *

_solution_check = gradient_check


def gradient_check(f, grad_f, params, eps=1e-6):
    result = _solution_check(f, grad_f, params, eps)
    params += 1e-9  # a leftover of an in-place experiment
    return result
