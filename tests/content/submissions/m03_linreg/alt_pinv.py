"""Correct alternative: pinv of the augmented normal matrix (zero penalty on the intercept);
GD on centred raw features with the gradient of the MSE (twice that of L: a larger step, the
same minimiser); SGD shuffling an index array in place each epoch; the intercept kept as a
NumPy float."""

from __future__ import annotations

import numpy as np

METHODS = {"normal", "gd", "sgd"}


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
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {sorted(METHODS)}, not {self.method!r}")
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float).ravel()
        n, p = X.shape
        if self.method == "normal":
            if self.fit_intercept:
                A = np.hstack([np.ones((n, 1)), X])
                D = np.diag([0.0] + [1.0] * p)
            else:
                A, D = X, np.eye(p)
            theta = np.linalg.pinv(A.T @ A + self.alpha * D) @ (A.T @ y)
            b, w = (theta[0], theta[1:]) if self.fit_intercept else (np.float64(0.0), theta)
            self.loss_history_ = []
        else:
            mx = X.mean(axis=0) if self.fit_intercept else np.zeros(p)
            my = y.mean() if self.fit_intercept else 0.0
            Xc, yc = X - mx, y - my
            w = np.zeros(p)
            rng = np.random.default_rng(self.random_state)
            index = np.arange(n)
            self.loss_history_ = []
            for _ in range(self.n_iters):
                if self.method == "gd":
                    r = yc - Xc @ w
                    w = w + self.learning_rate * 2 * (Xc.T @ r - self.alpha * w) / n
                else:
                    rng.shuffle(index)
                    for i in index:
                        r_i = yc[i] - Xc[i] @ w
                        w = w + self.learning_rate * 2 * (r_i * Xc[i] - self.alpha * w / n)
                r = yc - Xc @ w
                self.loss_history_.append((r @ r + self.alpha * (w @ w)) / (2 * n))
            b = np.float64(my - mx @ w)
        self.coef_ = np.asarray(w)
        self.intercept_ = b
        return self

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise AttributeError("This model is not fitted yet: call fit before predict.")
        return np.asarray(X, dtype=float) @ self.coef_ + self.intercept_

    def score(self, X, y):
        y = np.asarray(y, dtype=float)
        ss_res = np.sum((y - self.predict(X)) ** 2)
        ss_tot = np.sum((y - y.mean()) ** 2)
        return 1.0 - ss_res / ss_tot
