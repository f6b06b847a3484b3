"""Correct alternative: lstsq on [1, X]; ridge by stacking rows; GD and SGD on raw features,
the intercept as the weight of a column of ones (unpenalised by a mask)."""

from __future__ import annotations

import numpy as np


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
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
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
        return np.asarray(X, dtype=float) @ self.coef_ + self.intercept_

    def score(self, X, y):
        y = np.asarray(y, dtype=float)
        res = y - self.predict(X)
        return 1 - (res @ res) / np.sum((y - y.mean()) ** 2)
