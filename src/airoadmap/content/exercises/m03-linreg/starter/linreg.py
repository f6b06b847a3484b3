"""Linear regression from scratch in NumPy (m03-linreg).

Fill in every method marked "# TODO:". Use NumPy only: importing scikit-learn, SciPy or
statsmodels here fails the check "uses only the libraries the brief allows" (the checks
compute the exact answer themselves). `airoadmap show m03-linreg` explains the task and the
math; `airoadmap check` grades your work; `airoadmap hint` helps when you are stuck.

Every method minimises the same loss (its minimiser is scikit-learn's Ridge; alpha=0 is
plain least squares), with n the number of samples and r = y - X @ w - b:

    L(w, b) = (r @ r + alpha * (w @ w)) / (2 * n)        (the intercept b is never penalised)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


class LinearRegression:
    """Least squares linear regression with an optional L2 (ridge) penalty.

    Parameters
    ----------
    method : {"normal", "gd", "sgd"}, default "normal"
        "normal": closed form (normal equations). "gd": full-batch gradient descent.
        "sgd": stochastic gradient descent, one sample per step, shuffled every epoch.
    learning_rate : float, default 0.01
        Step size of "gd" and "sgd" on the gradient of L, the same at every step.
    n_iters : int, default 1000
        "gd": number of gradient steps. "sgd": number of epochs (passes over the data).
    alpha : float, default 0.0
        L2 penalty on the coefficients (not on the intercept), as in sklearn's Ridge.
    fit_intercept : bool, default True
        Fit the intercept b; when False, b is 0.0.
    random_state : int or None, default None
        Seed of the random order of "sgd" (one generator, created in fit): the same seed
        must give the same model.

    Attributes (set by fit)
    -----------------------
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    loss_history_ : list of float
        "normal": []. "gd": L after each of the n_iters steps. "sgd": L after each of the
        n_iters epochs. The last entry is L at the final coef_ and intercept_.
    """

    def __init__(
        self,
        method: str = "normal",
        learning_rate: float = 0.01,
        n_iters: int = 1000,
        alpha: float = 0.0,
        fit_intercept: bool = True,
        random_state: int | None = None,
    ) -> None:
        # TODO: store each argument as an attribute of the same name (self.method = method,
        # ...) and nothing else: validation and learning happen in fit.
        raise NotImplementedError("LinearRegression.__init__")

    def fit(self, X: ArrayLike, y: ArrayLike) -> LinearRegression:
        """Learn coef_ and intercept_ from X (n_samples, n_features) and y (n_samples,).

        Returns self.
        """
        # TODO: raise ValueError, with a message naming the problem, for a bad setting or an
        # X or y fit cannot use (the brief's "Errors": method, alpha, learning_rate, n_iters;
        # X 2-D, y 1-D, as many values as rows, no NaN); convert X and y with
        # np.asarray(..., dtype=float);
        # compute coef_ (shape (n_features,)) and intercept_ (a float, 0.0 when
        # fit_intercept is False) with the chosen method; set loss_history_ (a list: [] for
        # "normal", L after each step or epoch for "gd" and "sgd"; raise ValueError if it
        # becomes infinite or NaN); leave X and y unchanged (no in-place X -= ...); return self.
        raise NotImplementedError("LinearRegression.fit")

    def predict(self, X: ArrayLike) -> NDArray[np.float64]:
        """Predictions X @ coef_ + intercept_, of shape (n_samples,), for any X."""
        # TODO: raise an error that says to call fit when the model is not fitted yet; check X
        # as fit does, and its number of columns against coef_; then compute the predictions
        # from the X you are given.
        raise NotImplementedError("LinearRegression.predict")

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Coefficient of determination R^2 = 1 - SS_res / SS_tot on (X, y)."""
        # TODO: check y as fit does; SS_res = sum((y - predict(X))^2), SS_tot =
        # sum((y - mean(y))^2); for a constant y (SS_tot = 0): 1.0 if SS_res = 0, else 0.0.
        raise NotImplementedError("LinearRegression.score")
