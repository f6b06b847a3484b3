"""Correct alternative: pinv of the augmented normal matrix (zero penalty on the intercept);
GD on centred raw features with the gradient of the MSE (twice that of L: a larger step, the
same minimiser); SGD shuffling an index array in place each epoch; the intercept kept as a
NumPy float; inputs validated by one method per argument, in scikit-learn's words."""

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
        if self.alpha < 0 or np.isnan(self.alpha):
            raise ValueError(f"Expected alpha >= 0, got alpha={self.alpha}")
        if self.method != "normal":
            if not self.learning_rate > 0:
                raise ValueError(f"Expected learning_rate > 0, got {self.learning_rate}")
            if self.n_iters < 1:
                raise ValueError(f"Expected n_iters >= 1, got {self.n_iters}")
        X = self._validate_X(X)
        y = self._validate_y(y, X.shape[0])
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
                if not np.isfinite(self.loss_history_[-1]):
                    raise ValueError("Loss overflow: the descent diverged; reduce learning_rate.")
            b = np.float64(my - mx @ w)
        self.coef_ = np.asarray(w)
        self.intercept_ = b
        return self

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise AttributeError("This model is not fitted yet: call fit before predict.")
        X = self._validate_X(X)
        if X.shape[1] != self.coef_.shape[0]:
            raise ValueError(
                f"X has {X.shape[1]} features, but LinearRegression is expecting "
                f"{self.coef_.shape[0]} features as input."
            )
        return X @ self.coef_ + self.intercept_

    def score(self, X, y):
        pred = self.predict(X)
        y = self._validate_y(y, pred.shape[0])
        ss_res = np.sum((y - pred) ** 2)
        ss_tot = np.sum((y - y.mean()) ** 2)
        if ss_tot == 0.0:
            return 1.0 if ss_res == 0.0 else 0.0
        return 1.0 - ss_res / ss_tot

    @staticmethod
    def _validate_X(X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2:
            raise ValueError(
                f"Expected 2D array, got {X.ndim}D array instead: reshape your data with "
                "X.reshape(-1, 1) if it has a single feature."
            )
        if X.shape[0] < 1 or X.shape[1] < 1:
            raise ValueError(f"Found array with shape {X.shape}: at least 1 sample and 1 "
                             "feature are required.")
        if not np.isfinite(X).all():
            raise ValueError("Input X contains NaN or infinity.")
        return X

    @staticmethod
    def _validate_y(y, n_samples):
        y = np.asarray(y, dtype=float)
        if y.ndim != 1:
            raise ValueError(f"y should be a 1d array, got an array of shape {y.shape} instead.")
        if y.shape[0] != n_samples:
            raise ValueError(
                f"Found input variables with inconsistent numbers of samples: [{n_samples}, "
                f"{y.shape[0]}]"
            )
        if not np.isfinite(y).all():
            raise ValueError("Input y contains NaN or infinity.")
        return y
