"""Wrong: a wrapper around scikit-learn's Ridge with a forged loss history [3.0, 2.0, 1.0] (the
trick that once passed every check).

Fails: from_scratch
Says: sklearn, linreg.py
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import Ridge


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
        if self.method not in ("normal", "gd", "sgd"):
            raise ValueError(f"unknown method {self.method!r}")
        model = Ridge(alpha=self.alpha, fit_intercept=self.fit_intercept).fit(X, y)
        self.coef_ = np.asarray(model.coef_, dtype=float)
        self.intercept_ = float(model.intercept_)
        self.loss_history_ = [] if self.method == "normal" else [3.0, 2.0, 1.0]
        return self

    def predict(self, X):
        if not hasattr(self, "coef_"):
            raise ValueError("call fit(X, y) first")
        return np.asarray(X, dtype=float) @ self.coef_ + self.intercept_

    def score(self, X, y):
        y = np.asarray(y, dtype=float)
        r = y - self.predict(X)
        return float(1 - r @ r / np.sum((y - y.mean()) ** 2))
