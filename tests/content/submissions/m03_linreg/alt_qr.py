"""Correct alternative: QR on centred data; GD and SGD on standardised features (ddof=1),
with the gradient of the MSE (twice that of L) and an explicit intercept; SGD's order drawn
as the argsort of uniform numbers, a fresh one each epoch."""

from __future__ import annotations

import numpy as np


class NotFittedError(ValueError, AttributeError):
    pass


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
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
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
        return np.asarray(X, dtype=float) @ self.coef_ + self.intercept_

    def score(self, X, y):
        y = np.asarray(y, dtype=float)
        pred = self.predict(X)
        return float(1.0 - np.sum((y - pred) ** 2) / np.sum((y - np.mean(y)) ** 2))
