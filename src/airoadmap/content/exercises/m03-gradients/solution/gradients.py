"""Gradients by hand and by numbers (m03-gradients): reference solution.

A linear model scores each row x_i of X with z_i = x_i . w + b. Two losses of that score,
their gradients written by hand, a numerical gradient to check them, and gradient descent.

Why it is right:
- Each loss is a mean over the n samples, so each gradient carries the same 1/n; the bias b
  enters every z_i with slope 1, so its gradient is the mean of the per-sample factors.
- The sigmoid and the logistic loss never exponentiate a positive number: exp(-|z|) is in
  (0, 1], and log(1 + e^z) = max(z, 0) + log1p(e^-|z|) (np.logaddexp(0, z)) is exact for
  any z, where log(sigmoid(z)) would take log(0) = -inf once sigmoid(z) rounds to 0 or 1.
- Central differences cancel the f'' term of the Taylor series: their error shrinks as eps^2,
  forward differences' as eps. The parameters are perturbed on a copy, so the caller's array
  is never changed, and f always sees an array of the parameters' shape.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "gradient_check",
    "gradient_descent",
    "logistic_gradient",
    "logistic_loss",
    "mse_gradient",
    "mse_loss",
    "numerical_gradient",
    "sigmoid",
]

Array = NDArray[np.float64]


def _scores(w: ArrayLike, b: float, X: ArrayLike) -> tuple[Array, Array]:
    """X as a float matrix and the scores z = X @ w + b, of shape (n_samples,)."""
    X_arr = np.asarray(X, dtype=np.float64)
    return X_arr, X_arr @ np.asarray(w, dtype=np.float64) + float(b)


# --- mean squared error --------------------------------------------------------------------


def mse_loss(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> float:
    """Mean squared error of the linear model: L = (1/n) * sum_i (x_i . w + b - y_i)^2."""
    _, z = _scores(w, b, X)
    residual = z - np.asarray(y, dtype=np.float64)  # (n_samples,)
    return float(residual @ residual) / residual.shape[0]


def mse_gradient(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> tuple[Array, float]:
    """Gradient of `mse_loss`: dL/dw = (2/n) X^T r and dL/db = (2/n) sum(r), r = X w + b - y."""
    X_arr, z = _scores(w, b, X)
    residual = z - np.asarray(y, dtype=np.float64)  # (n_samples,)
    n_samples = residual.shape[0]
    dw = (2.0 / n_samples) * (X_arr.T @ residual)  # (n_features,)
    db = 2.0 * float(residual.mean())
    return dw, db


# --- logistic loss -------------------------------------------------------------------------


def sigmoid(z: ArrayLike) -> Array:
    """1 / (1 + e^-z), elementwise, without overflow for any z (same shape as z)."""
    z_arr = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z_arr))  # in (0, 1]: never overflows (it may underflow to 0: harmless)
    # z >= 0: 1 / (1 + e^-z);  z < 0: e^z / (1 + e^z), the same value multiplied by e^z / e^z.
    return np.where(z_arr >= 0.0, 1.0, e) / (1.0 + e)


def logistic_loss(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> float:
    """Mean binary cross-entropy of sigmoid(X w + b) against labels y in {0, 1}.

    Per sample, -y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z)) = log(1 + e^z) - y z,
    evaluated as np.logaddexp(0, z) - y z: exact even where sigmoid(z) rounds to 0 or 1.
    """
    _, z = _scores(w, b, X)
    y_arr = np.asarray(y, dtype=np.float64)
    return float(np.mean(np.logaddexp(0.0, z) - y_arr * z))


def logistic_gradient(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> tuple[Array, float]:
    """Gradient of `logistic_loss`: dL/dw = X^T (p - y) / n, dL/db = mean(p - y), p = sigmoid(z)."""
    X_arr, z = _scores(w, b, X)
    error = sigmoid(z) - np.asarray(y, dtype=np.float64)  # (n_samples,), each in [-1, 1]
    dw = (X_arr.T @ error) / error.shape[0]  # (n_features,)
    return dw, float(error.mean())


# --- checking a gradient by numbers --------------------------------------------------------


def numerical_gradient(f: Callable[[Array], float], params: ArrayLike, eps: float = 1e-6) -> Array:
    """Central differences: g_i = (f(p + eps e_i) - f(p - eps e_i)) / (2 eps), p's shape.

    `params` may have any shape; it is not changed. f is called 2 * params.size times.
    """
    point = np.array(params, dtype=np.float64)  # a copy: the caller's array stays as it was
    flat = point.reshape(-1)  # a view of `point`: writing flat[i] moves point too
    grad = np.empty(flat.shape[0])
    for i in range(flat.shape[0]):
        saved = flat[i]
        flat[i] = saved + eps
        f_plus = float(f(point))
        flat[i] = saved - eps
        f_minus = float(f(point))
        flat[i] = saved  # restore exactly (saved + eps - eps may round elsewhere)
        grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad.reshape(point.shape)


def gradient_check(
    f: Callable[[Array], float],
    grad_f: Callable[[Array], ArrayLike],
    params: ArrayLike,
    eps: float = 1e-6,
) -> float:
    """Largest relative error between grad_f(params) and the numerical gradient of f.

    Per entry |a - g| / max(|a|, |g|), and 0.0 where both are equal (0 and 0 included);
    inf when either gradient holds NaN or infinity, so that such a gradient never passes.
    Raises ValueError when grad_f returns an array of another shape than params'.
    """
    point = np.asarray(params, dtype=np.float64)
    analytic = np.asarray(grad_f(point.copy()), dtype=np.float64)
    numeric = numerical_gradient(f, point, eps)
    if analytic.shape != numeric.shape:
        raise ValueError(
            f"grad_f returned shape {analytic.shape}, but the parameters have shape "
            f"{numeric.shape}: return one partial derivative per parameter."
        )
    if not (np.isfinite(analytic).all() and np.isfinite(numeric).all()):
        return float("inf")
    diff = np.abs(analytic - numeric)
    scale = np.maximum(np.abs(analytic), np.abs(numeric))
    # Where both are 0 the difference is 0 too: divide it by 1 there (0 / 0 would be NaN).
    errors = diff / np.where(scale > 0.0, scale, 1.0)
    return float(errors.max(initial=0.0))


# --- using a gradient ----------------------------------------------------------------------


def gradient_descent(
    grad_f: Callable[[Array], ArrayLike], x0: ArrayLike, learning_rate: float, n_steps: int
) -> Array:
    """The path of gradient descent, x_{k+1} = x_k - learning_rate * grad_f(x_k).

    Returns an array of shape (n_steps + 1, *x0.shape): row 0 is x0, row k the point after
    k steps. x0 is not changed.
    """
    x = np.array(x0, dtype=np.float64)  # a copy
    path = np.empty((n_steps + 1, *x.shape))
    path[0] = x
    for k in range(1, n_steps + 1):
        x = x - learning_rate * np.asarray(grad_f(x), dtype=np.float64)  # a new array
        path[k] = x
    return path
