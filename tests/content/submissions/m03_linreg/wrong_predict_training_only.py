"""Wrong: predict returns the predictions stored for the training data, whatever X is."""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_linreg import alt_solve_unscaled as _base
from tests.content.submissions.m03_linreg.alt_solve_unscaled import *


class LinearRegression(_base.LinearRegression):
    def fit(self, X, y):
        if self.method not in ("normal", "gd", "sgd"):
            raise ValueError(f"method must be 'normal', 'gd' or 'sgd', got {self.method!r}")
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        n, p = X.shape
        self.loss_history_ = []
        if self.method == "normal":
            if self.fit_intercept:
                A = np.column_stack([X, np.ones(n)])
                penalty = np.diag([self.alpha] * p + [0.0])
                theta = np.linalg.solve(A.T @ A + penalty, A.T @ y)
                w, b = theta[:p], theta[p]
            else:
                w = np.linalg.solve(X.T @ X + self.alpha * np.eye(p), X.T @ y)
                b = 0.0
        else:
            w, b = np.zeros(p), 0.0
            rng = np.random.default_rng(self.random_state)
            for _ in range(self.n_iters):
                if self.method == "gd":
                    r = y - X @ w - b
                    grad_w = -(X.T @ r) / n + self.alpha * w / n
                    grad_b = -r.mean()
                    w = w - self.learning_rate * grad_w
                    if self.fit_intercept:
                        b = b - self.learning_rate * grad_b
                else:
                    for i in rng.permutation(n):
                        r_i = y[i] - X[i] @ w - b
                        w = w - self.learning_rate * (-r_i * X[i] + self.alpha * w / n)
                        if self.fit_intercept:
                            b = b + self.learning_rate * r_i
                r = y - X @ w - b
                self.loss_history_.append(float(r @ r + self.alpha * w @ w) / (2 * n))
        self.coef_ = w
        self.intercept_ = float(b)
        self._train_pred = X @ w + b
        return self

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise ValueError("Not fitted yet: call fit(X, y) first.")
        return self._train_pred
