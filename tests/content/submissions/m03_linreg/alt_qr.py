"""Correct alternative: QR on centred data; GD and SGD on standardised features (ddof=1),
with the gradient of the MSE (twice that of L) and an explicit intercept; SGD's order drawn
as the argsort of uniform numbers, a fresh one each epoch; inputs checked by one function,
settings by a table of rules."""

from __future__ import annotations

import numpy as np


class NotFittedError(ValueError, AttributeError):
    pass


def _check(X, y=None, n_features=None):
    """X (and y) as float arrays, or ValueError saying what is wrong with them."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be two-dimensional, got ndim={X.ndim}")
    if X.size == 0:
        raise ValueError(f"X is empty (shape {X.shape})")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"expected {n_features} feature columns, got {X.shape[1]}")
    if not np.isfinite(X).all():
        raise ValueError("X is not finite (NaN or inf)")
    if y is None:
        return X
    y = np.asarray(y, dtype=float)
    if y.ndim != 1:
        raise ValueError(f"y must be one-dimensional, got ndim={y.ndim}")
    if len(y) != len(X):
        raise ValueError(f"X and y differ in length: {len(X)} != {len(y)}")
    if not np.isfinite(y).all():
        raise ValueError("y is not finite (NaN or inf)")
    return X, y


class LinearRegression:
    def __init__(
        self,
        method: str = "normal",
        learning_rate: float = 0.01,
        n_iters: int = 1000,
        alpha: float = 0.0,
        fit_intercept: bool = True,
        random_state: int | None = None,
    ) -> None:
        self.method = method
        self.learning_rate = learning_rate
        self.n_iters = n_iters
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.random_state = random_state

    def fit(self, X, y):
        rules = [(self.alpha >= 0, "alpha must be >= 0")]
        if self.method in ("gd", "sgd"):
            rules += [(self.learning_rate > 0, "learning_rate must be > 0"),
                      (self.n_iters >= 1, "n_iters must be at least 1")]  # fmt: skip
        for ok, rule in rules:
            if not ok:
                raise ValueError(rule)
        X, y = _check(X, y)
        n, p = X.shape
        x_mean = X.mean(axis=0) if self.fit_intercept else np.zeros(p)
        y_mean = y.mean() if self.fit_intercept else 0.0
        Xc, yc = X - x_mean, y - y_mean
        if self.method == "normal":
            A = np.vstack([Xc, np.sqrt(self.alpha) * np.eye(p)])
            Q, R = np.linalg.qr(A)
            w = np.linalg.solve(R, Q.T @ np.concatenate([yc, np.zeros(p)]))
            self.loss_history_ = []
        elif self.method in ("gd", "sgd"):
            s = Xc.std(axis=0, ddof=1) if n > 1 else np.ones(p)
            s[s == 0] = 1.0
            Z = Xc / s
            pen = self.alpha / s**2
            v = np.zeros(p)
            c = 0.0  # the intercept of the centred problem (0 at its optimum)
            history = []
            rng = np.random.default_rng(self.random_state)
            for _ in range(self.n_iters):
                if self.method == "gd":
                    r = yc - Z @ v - c
                    v = v - self.learning_rate * (-2 * Z.T @ r + 2 * pen * v) / n
                    if self.fit_intercept:
                        c = c + self.learning_rate * 2 * r.mean()
                else:
                    for i in np.argsort(rng.random(n)):
                        r_i = yc[i] - Z[i] @ v - c
                        v = v - self.learning_rate * 2 * (pen * v / n - r_i * Z[i])
                        if self.fit_intercept:
                            c = c + self.learning_rate * 2 * r_i
                r = yc - Z @ v - c
                history.append(float(r @ r + v @ (pen * v)) / (2 * n))
                if not np.isfinite(history[-1]):
                    raise ValueError("learning_rate too large: the loss diverged")
            w = v / s
            y_mean = y_mean + c
            self.loss_history_ = history
        else:
            raise ValueError("method must be 'normal', 'gd' or 'sgd'")
        self.coef_ = w
        self.intercept_ = float(y_mean - x_mean @ w)
        return self

    def predict(self, X):
        if getattr(self, "coef_", None) is None:
            raise NotFittedError("LinearRegression is not fitted yet. Call 'fit' first.")
        return _check(X, n_features=len(self.coef_)) @ self.coef_ + self.intercept_

    def score(self, X, y):
        pred = self.predict(X)
        X, y = _check(X, y)
        ss_res, ss_tot = np.sum((y - pred) ** 2), np.sum((y - np.mean(y)) ** 2)
        if ss_tot == 0:
            return 1.0 if ss_res == 0 else 0.0
        return float(1.0 - ss_res / ss_tot)
