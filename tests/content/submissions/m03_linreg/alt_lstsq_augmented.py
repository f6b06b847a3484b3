"""Correct alternative: lstsq on [1, X]; ridge by stacking rows; GD and SGD on raw features,
the intercept as the weight of a column of ones (unpenalised by a mask); inputs checked by two
module functions, one message per rule."""

from __future__ import annotations

import numpy as np


def _matrix(X, n_features=None):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or 0 in X.shape:
        raise ValueError(f"X must be a non-empty 2-D array (rows, features), got shape {X.shape}")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features; the model was fitted on {n_features}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X has NaN or inf values")
    return X


def _vector(y, n):
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or len(y) != n:
        raise ValueError(f"y must be 1-D with one value per row of X ({n} rows), got {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("y has NaN or inf values")
    return y


class LinearRegression:
    def __init__(
        self,
        method="normal",
        learning_rate=0.01,
        n_iters=1000,
        alpha=0.0,
        fit_intercept=True,
        random_state=None,
    ):
        self.method = method
        self.learning_rate = learning_rate
        self.n_iters = n_iters
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.random_state = random_state

    def _design(self, X):
        if self.fit_intercept:
            return np.column_stack([np.ones(len(X)), X])
        return X

    def fit(self, X, y):
        if self.method not in ("normal", "gd", "sgd"):
            raise ValueError(f"unknown method {self.method!r}")
        if not self.alpha >= 0:
            raise ValueError(f"alpha must be non-negative, got {self.alpha}")
        if self.method != "normal" and not (self.learning_rate > 0 and self.n_iters >= 1):
            raise ValueError("gd and sgd need learning_rate > 0 and n_iters >= 1")
        X = _matrix(X)
        y = _vector(y, len(X))
        A = self._design(X)
        n, k = A.shape
        # Penalty mask: 0 for the intercept column, 1 for the slopes.
        mask = np.ones(k)
        if self.fit_intercept:
            mask[0] = 0.0
        self.loss_history_ = []
        if self.method == "normal":
            rows = np.sqrt(self.alpha) * np.diag(mask)
            theta = np.linalg.lstsq(
                np.vstack([A, rows]), np.concatenate([y, np.zeros(k)]), rcond=None
            )[0]
        else:
            theta = np.zeros(k)
            rng = np.random.default_rng(self.random_state)
            for _ in range(self.n_iters):
                if self.method == "gd":
                    r = y - A @ theta
                    grad = -(A.T @ r) / n + self.alpha * mask * theta / n
                    theta = theta - self.learning_rate * grad
                else:
                    for i in rng.permutation(n):
                        r_i = y[i] - A[i] @ theta
                        grad = -r_i * A[i] + self.alpha * mask * theta / n
                        theta = theta - self.learning_rate * grad
                r = y - A @ theta
                self.loss_history_.append((r @ r + self.alpha * (mask * theta) @ theta) / (2 * n))
                if not np.isfinite(self.loss_history_[-1]):
                    raise ValueError(f"{self.method} diverged: try a smaller learning_rate")
        if self.fit_intercept:
            self.intercept_ = float(theta[0])
            self.coef_ = theta[1:]
        else:
            self.intercept_ = 0.0
            self.coef_ = theta
        return self

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise RuntimeError("Model is not fitted: call fit(X, y) first.")
        return _matrix(X, len(self.coef_)) @ self.coef_ + self.intercept_

    def score(self, X, y):
        pred = self.predict(X)
        y = _vector(y, len(pred))
        res = y - pred
        ss_tot = np.sum((y - y.mean()) ** 2)
        if ss_tot == 0:  # a constant y: scikit-learn's convention
            return float(res @ res == 0)
        return 1 - (res @ res) / ss_tot
