"""Wrong: gradient_check ignores its eps and always uses numerical_gradient's default.

Fails: gradient_check_value
Says: pass eps on
"""

from __future__ import annotations

from tests.content.submissions.m03_gradients.reference import *

_solution_check = gradient_check


def gradient_check(f, grad_f, params, eps=1e-6):
    return _solution_check(f, grad_f, params)
