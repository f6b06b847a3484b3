"""Correct, the long way: explicit loops over the samples and entries, masks for the sigmoid."""

from __future__ import annotations

import math

import numpy as np


def mse_loss(w, b, X, y):
    X = np.asarray(X, dtype=float)
    total = 0.0
    for x_i, y_i in zip(X, y, strict=True):
        r = float(np.dot(x_i, w)) + b - y_i
        total += r * r
    return total / len(X)


def mse_gradient(w, b, X, y):
    X = np.asarray(X, dtype=float)
    n = len(X)
    dw = np.zeros(X.shape[1])
    db = 0.0
    for x_i, y_i in zip(X, y, strict=True):
        r = float(np.dot(x_i, w)) + b - y_i
        dw += 2.0 * r * x_i / n
        db += 2.0 * r / n
    return dw, db


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def _softplus(z):
    """log(1 + e^z) for one float, without overflow."""
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def logistic_loss(w, b, X, y):
    X = np.asarray(X, dtype=float)
    total = 0.0
    for x_i, y_i in zip(X, y, strict=True):
        z = float(np.dot(x_i, w)) + b
        total += _softplus(z) - y_i * z
    return total / len(X)


def logistic_gradient(w, b, X, y):
    X = np.asarray(X, dtype=float)
    n = len(X)
    dw = np.zeros(X.shape[1])
    db = 0.0
    for x_i, y_i in zip(X, y, strict=True):
        z = float(np.dot(x_i, w)) + b
        p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        dw += (p - y_i) * x_i / n
        db += (p - y_i) / n
    return dw, db


def numerical_gradient(f, params, eps=1e-6):
    params = np.asarray(params, dtype=float)
    grad = np.zeros_like(params)
    for index in np.ndindex(params.shape):
        up = params.copy()
        up[index] += eps
        down = params.copy()
        down[index] -= eps
        grad[index] = (f(up) - f(down)) / (2 * eps)
    return grad


def gradient_check(f, grad_f, params, eps=1e-6):
    a = np.asarray(grad_f(np.array(params, dtype=float)), dtype=float)
    g = numerical_gradient(f, params, eps)
    if a.shape != g.shape:
        raise ValueError("grad_f must return one value per parameter, in the params' Shape")
    a, g = a.ravel(), g.ravel()
    worst = 0.0
    for a_i, g_i in zip(a, g, strict=True):
        if not (math.isfinite(a_i) and math.isfinite(g_i)):
            return math.inf
        if a_i != g_i:
            worst = max(worst, abs(a_i - g_i) / max(abs(a_i), abs(g_i)))
    return worst


def gradient_descent(grad_f, x0, learning_rate, n_steps):
    x = np.array(x0, dtype=float)
    path = [x]
    for _ in range(n_steps):
        x = x - learning_rate * np.asarray(grad_f(x))
        path.append(x)
    return np.array(path)
