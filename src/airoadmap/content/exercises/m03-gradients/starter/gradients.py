"""Gradients by hand and by numbers (m03-gradients).

Fill in every function marked "# TODO:". Use NumPy only: importing SciPy, scikit-learn or an
autodiff library here fails the check "uses only the libraries the brief allows".
`airoadmap show m03-gradients` explains the task and the math; `airoadmap check` grades your
work; `airoadmap hint` helps when you are stuck.

A linear model scores each row x_i of X (shape (n_samples, n_features)) with
z_i = x_i . w + b, where w has shape (n_features,) and b is a float; y has shape (n_samples,).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


# --- mean squared error --------------------------------------------------------------------


def mse_loss(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> float:
    """Mean squared error of the linear model: L = (1/n) * sum_i (x_i . w + b - y_i)^2."""
    # TODO: compute the residuals r = X @ w + b - y, then their mean square (a float).
    raise NotImplementedError("mse_loss")


def mse_gradient(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> tuple[Array, float]:
    """Gradient of `mse_loss`: returns (dw, db), dw of shape (n_features,), db a float."""
    # TODO: derive dL/dw and dL/db by hand (the brief walks through it), then compute both
    # without a Python loop over the samples.
    raise NotImplementedError("mse_gradient")


# --- logistic loss -------------------------------------------------------------------------


def sigmoid(z: ArrayLike) -> Array:
    """1 / (1 + e^-z), elementwise, same shape as z, with no overflow for any z."""
    # TODO: np.exp(-z) overflows for z = -1000. Find a formula that only ever computes the
    # exponential of a number <= 0.
    raise NotImplementedError("sigmoid")


def logistic_loss(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> float:
    """Mean binary cross-entropy of sigmoid(X w + b) against labels y in {0, 1}."""
    # TODO: L = (1/n) * sum_i [-y_i log(p_i) - (1 - y_i) log(1 - p_i)], p = sigmoid(z);
    # it must stay finite and exact for |z| up to 1000 (the brief shows how).
    raise NotImplementedError("logistic_loss")


def logistic_gradient(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> tuple[Array, float]:
    """Gradient of `logistic_loss`: returns (dw, db), dw of shape (n_features,), db a float."""
    # TODO: derive it by hand (it is shorter than you may expect), then compute it.
    raise NotImplementedError("logistic_gradient")


# --- checking a gradient by numbers --------------------------------------------------------


def numerical_gradient(f: Callable[[Array], float], params: ArrayLike, eps: float = 1e-6) -> Array:
    """Central differences: g_i = (f(p + eps e_i) - f(p - eps e_i)) / (2 eps).

    `params` may have any shape; return an array of the same shape, and leave `params`
    unchanged. f takes an array of params' shape and returns a float.
    """
    # TODO: for each entry i of params, evaluate f with only that entry moved by +eps, then
    # by -eps, and divide the difference by 2 * eps.
    raise NotImplementedError("numerical_gradient")


def gradient_check(
    f: Callable[[Array], float],
    grad_f: Callable[[Array], ArrayLike],
    params: ArrayLike,
    eps: float = 1e-6,
) -> float:
    """Largest relative error between grad_f(params) and numerical_gradient(f, params, eps).

    Per entry |a - g| / max(|a|, |g|), and 0.0 where both are equal (0 and 0 included);
    inf when either gradient holds NaN or infinity. Raises ValueError (its message says
    "shape") when grad_f returns an array of another shape than params'.
    """
    # TODO: check the shape of grad_f's result, then compare the two gradients entry by
    # entry, without dividing 0 by 0.
    raise NotImplementedError("gradient_check")


# --- using a gradient ----------------------------------------------------------------------


def gradient_descent(
    grad_f: Callable[[Array], ArrayLike], x0: ArrayLike, learning_rate: float, n_steps: int
) -> Array:
    """The path of gradient descent, x_{k+1} = x_k - learning_rate * grad_f(x_k).

    Returns an array of shape (n_steps + 1, *x0.shape): row 0 is x0, row k the point after
    k steps. x0 is not changed.
    """
    # TODO: start from a copy of x0, take n_steps steps, keep every point.
    raise NotImplementedError("gradient_descent")
