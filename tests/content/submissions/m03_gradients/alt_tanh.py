"""Correct another way: sigmoid through tanh, softplus through log1p, one-hot steps."""

from __future__ import annotations

import numpy as np


def _residual(w, b, X, y):
    return np.asarray(X) @ np.asarray(w) + b - np.asarray(y)


def mse_loss(w, b, X, y):
    return float(np.mean(_residual(w, b, X, y) ** 2))


def mse_gradient(w, b, X, y):
    r = _residual(w, b, X, y)
    return 2.0 * np.mean(r[:, None] * np.asarray(X), axis=0), 2.0 * float(np.mean(r))


def sigmoid(z):
    # tanh saturates at +-1 instead of overflowing: sigmoid(z) = (1 + tanh(z / 2)) / 2.
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def logistic_loss(w, b, X, y):
    z = np.asarray(X) @ np.asarray(w) + b
    softplus = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(softplus - np.asarray(y) * z))


def logistic_gradient(w, b, X, y):
    X = np.asarray(X)
    error = sigmoid(X @ np.asarray(w) + b) - np.asarray(y)
    return error @ X / len(error), float(np.mean(error))


def numerical_gradient(f, params, eps=1e-6):
    params = np.asarray(params, dtype=float)
    steps = np.eye(params.size) * eps
    grad = [
        (f(params + step.reshape(params.shape)) - f(params - step.reshape(params.shape)))
        / (2.0 * eps)
        for step in steps
    ]
    return np.array(grad).reshape(params.shape)


def gradient_check(f, grad_f, params, eps=1e-6):
    a = np.asarray(grad_f(np.array(params, dtype=float)), dtype=float)
    g = numerical_gradient(f, params, eps)
    if a.shape != np.shape(params):
        raise ValueError(f"the gradient has shape {a.shape} instead of {np.shape(params)}")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(g))):
        return float("inf")
    scale = np.maximum(np.abs(a), np.abs(g))
    safe = np.where(scale > 0, scale, 1.0)
    return float(np.max(np.abs(a - g) / safe))


def gradient_descent(grad_f, x0, learning_rate, n_steps):
    path = np.empty((n_steps + 1, *np.shape(x0)))
    path[0] = x0
    for k in range(n_steps):
        path[k + 1] = path[k] - learning_rate * np.asarray(grad_f(path[k].copy()))
    return path
