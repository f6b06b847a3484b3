"""The reference solution of m03-gradients, re-exported: each wrong_*.py imports it and
redefines only what it breaks, so the held-back submissions are not copies of the solution."""

from __future__ import annotations

import importlib.util

from airoadmap.curriculum.loader import exercise_dir

_spec = importlib.util.spec_from_file_location(
    "m03_gradients_reference", exercise_dir("m03-gradients") / "solution" / "gradients.py"
)
assert _spec is not None and _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)

Array = _module.Array
_scores = _module._scores
mse_loss = _module.mse_loss
mse_gradient = _module.mse_gradient
sigmoid = _module.sigmoid
logistic_loss = _module.logistic_loss
logistic_gradient = _module.logistic_gradient
numerical_gradient = _module.numerical_gradient
gradient_check = _module.gradient_check
gradient_descent = _module.gradient_descent
