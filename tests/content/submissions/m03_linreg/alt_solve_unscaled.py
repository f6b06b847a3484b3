"""Correct alternative: np.linalg.solve of the normal equations with a column of ones (zero
penalty on its diagonal entry); GD and SGD on the raw features, w and b updated apart, each
part in a method of its own (the wrong_*.py submissions override one of them), checks of the
settings and of the data too."""

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

    def fit(self, X, y):
        self._check_method()
        self._check_settings()
        X = self._check_X(X)
        y = self._check_y(y, len(X))
        self.loss_history_ = []
        if self.method == "normal":
            w, b = self._normal(X, y)
        else:
            w, b = np.zeros(X.shape[1]), 0.0
            rng = np.random.default_rng(self.random_state)
            for _ in range(self.n_iters):
                if self.method == "gd":
                    w, b = self._gd_step(X, y, w, b)
                else:
                    w, b = self._sgd_epoch(X, y, w, b, rng)
                self.loss_history_.append(self._loss(X, y, w, b))
                if not np.isfinite(self.loss_history_[-1]):
                    raise ValueError(f"{self.method} diverged: lower learning_rate")
        self.coef_ = w
        self.intercept_ = float(b)
        return self

    def _check_method(self):
        if self.method not in ("normal", "gd", "sgd"):
            raise ValueError(f"method must be 'normal', 'gd' or 'sgd', got {self.method!r}")

    def _check_settings(self):
        if self.alpha < 0:
            raise ValueError(f"alpha must be >= 0, got {self.alpha}")
        if self.method in ("gd", "sgd") and self.learning_rate <= 0:
            raise ValueError(f"learning_rate must be > 0, got {self.learning_rate}")
        if self.method in ("gd", "sgd") and self.n_iters < 1:
            raise ValueError(f"n_iters must be >= 1, got {self.n_iters}")

    def _check_X(self, X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}")
        if X.shape[0] == 0 or X.shape[1] == 0:
            raise ValueError(f"X must have at least one row and one column, got {X.shape}")
        if not np.isfinite(X).all():
            raise ValueError("X contains NaN or infinity")
        return X

    def _check_y(self, y, n):
        y = np.asarray(y, dtype=float)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D, got shape {y.shape}")
        if len(y) != n:
            raise ValueError(f"X has {n} rows but y has {len(y)} values")
        if not np.isfinite(y).all():
            raise ValueError("y contains NaN or infinity")
        return y

    def _normal(self, X, y):
        n, p = X.shape
        if self.fit_intercept:
            A = np.column_stack([X, np.ones(n)])
            penalty = np.diag([self.alpha] * p + [0.0])
            theta = np.linalg.solve(A.T @ A + penalty, A.T @ y)
            return theta[:p], theta[p]
        return np.linalg.solve(X.T @ X + self.alpha * np.eye(p), X.T @ y), 0.0

    def _gd_step(self, X, y, w, b):
        n = len(y)
        r = y - X @ w - b
        grad_w = -(X.T @ r) / n + self.alpha * w / n
        grad_b = -r.mean()
        w = w - self.learning_rate * grad_w
        if self.fit_intercept:
            b = b - self.learning_rate * grad_b
        return w, b

    def _order(self, rng, n):
        return rng.permutation(n)

    def _sgd_epoch(self, X, y, w, b, rng):
        n = len(y)
        for i in self._order(rng, n):
            r_i = y[i] - X[i] @ w - b
            w = w - self.learning_rate * (-r_i * X[i] + self.alpha * w / n)
            if self.fit_intercept:
                b = b + self.learning_rate * r_i
        return w, b

    def _loss(self, X, y, w, b):
        r = y - X @ w - b
        return float(r @ r + self.alpha * w @ w) / (2 * len(y))

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise ValueError("Not fitted yet: call fit(X, y) first.")
        X = self._check_X(X)
        if X.shape[1] != len(self.coef_):
            raise ValueError(f"X has {X.shape[1]} features, fit saw {len(self.coef_)}")
        return X @ self.coef_ + self.intercept_

    def score(self, X, y):
        pred = self.predict(X)
        y = self._check_y(y, len(pred))
        ss_res = np.sum((y - pred) ** 2)
        ss_tot = np.sum((y - y.mean()) ** 2)
        if ss_tot == 0:
            return 1.0 if ss_res == 0 else 0.0
        return float(1 - ss_res / ss_tot)
