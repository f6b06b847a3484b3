"""Linear regression from scratch in NumPy: closed form, gradient descent and SGD, with ridge.

Every method minimises the same loss, with n the number of samples,

    L(w, b) = (||y - X w - b||^2 + alpha * ||w||^2) / (2 n)    (b is never penalised)

whose minimiser is the fit of scikit-learn's LinearRegression (alpha=0) and Ridge.

Why it is right:
- "normal" centres X and y, which removes the intercept from the problem exactly (the optimal
  b is then mean(y) - mean(X) @ w), so only the slopes are penalised. Ridge is least squares
  on the centred data stacked over sqrt(alpha) * I (with zeros under y): one SVD least squares
  (np.linalg.lstsq) solves both, without forming X^T X, whose condition number is the square
  of X's, and gives the minimum-norm solution when a feature repeats others.
- "gd" and "sgd" work on centred features scaled to unit curvature (standardised when
  alpha = 0), where one learning rate suits every feature, and map the coefficients back.
  The penalty is rescaled with them, so the minimiser is the closed form's, not a different
  "ridge on scaled features".
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["LinearRegression", "NotFittedError"]

Array = NDArray[np.float64]

METHODS = ("normal", "gd", "sgd")


class NotFittedError(ValueError, AttributeError):
    """The model was used before `fit` (a ValueError and an AttributeError, as in sklearn)."""


class LinearRegression:
    """Least squares linear regression with an optional L2 (ridge) penalty.

    Parameters
    ----------
    method : {"normal", "gd", "sgd"}, default "normal"
        "normal": closed form (normal equations). "gd": full-batch gradient descent.
        "sgd": stochastic gradient descent, one sample per step, shuffled every epoch.
    learning_rate : float, default 0.01
        Step size of "gd" and "sgd", on the gradient of the mean loss (see `loss_history_`)
        over internally standardised features: "gd" converges for any value below
        2 / n_features (the default suits up to 200 features).
    n_iters : int, default 1000
        "gd": number of gradient steps. "sgd": number of epochs (passes over the data).
    alpha : float, default 0.0
        L2 penalty on the coefficients (not on the intercept), as in sklearn's Ridge.
    fit_intercept : bool, default True
        Fit the intercept b; when False, b is 0.0 and the data are used as given.
    random_state : int or None, default None
        Seed of the shuffling of "sgd": the same seed gives the same model.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights w.
    intercept_ : float
        The intercept b (0.0 when `fit_intercept` is False).
    loss_history_ : list of float
        "gd": the loss after each step; "sgd": after each epoch; "normal": empty. The loss is
        (||y - X w - b||^2 + alpha * ||w||^2) / (2 n), whose minimiser is the objective's.
    n_features_in_ : int
        Number of features seen by `fit`.
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
        # scikit-learn convention: store the arguments as given, validate them in fit.
        self.method = method
        self.learning_rate = learning_rate
        self.n_iters = n_iters
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.random_state = random_state

    def fit(self, X: ArrayLike, y: ArrayLike) -> LinearRegression:
        """Learn `coef_` and `intercept_` from X of shape (n_samples, n_features) and y.

        Returns
        -------
        self : LinearRegression
            The fitted model, so that calls can chain: `LinearRegression().fit(X, y).predict(X)`.

        Raises
        ------
        ValueError
            A bad setting (method, alpha < 0; for "gd" and "sgd" learning_rate <= 0 or
            n_iters < 1), X not 2-D, empty or not finite, y not 1-D, not finite or not one
            value per row of X, or "gd"/"sgd" diverging (the loss overflows).
        """
        self._validate_params()
        X_arr = _as_matrix(X)
        y_arr = _as_target(y, X_arr.shape[0])
        alpha = float(self.alpha)
        if self.method == "normal":
            coef, intercept = _fit_normal(X_arr, y_arr, alpha, self.fit_intercept)
            history: list[float] = []
        else:
            coef, intercept, history = _fit_descent(
                X_arr,
                y_arr,
                alpha=alpha,
                fit_intercept=self.fit_intercept,
                learning_rate=float(self.learning_rate),
                n_iters=int(self.n_iters),
                stochastic=self.method == "sgd",
                rng=np.random.default_rng(self.random_state),
            )
        self.coef_ = coef
        self.intercept_ = float(intercept)
        self.loss_history_ = history
        self.n_features_in_ = X_arr.shape[1]
        return self

    def predict(self, X: ArrayLike) -> Array:
        """Predictions X @ coef_ + intercept_, of shape (n_samples,), for any new X."""
        if not hasattr(self, "coef_"):
            raise NotFittedError(
                "This LinearRegression is not fitted yet: call fit(X, y) before predict."
            )
        X_arr = _as_matrix(X)
        if X_arr.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X_arr.shape[1]} features, but the model was fitted with "
                f"{self.n_features_in_}."
            )
        return X_arr @ self.coef_ + self.intercept_

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Coefficient of determination R^2 = 1 - SS_res / SS_tot of the predictions on (X, y).

        1.0 is perfect, 0.0 is as good as predicting mean(y), below 0 is worse. For a
        constant y (SS_tot = 0) it is 1.0 when the predictions are exact, else 0.0.
        """
        pred = self.predict(X)
        y_arr = _as_target(y, pred.shape[0])
        residual = y_arr - pred
        ss_res = float(residual @ residual)
        centred = y_arr - y_arr.mean()
        ss_tot = float(centred @ centred)
        if ss_tot == 0.0:
            return 1.0 if ss_res == 0.0 else 0.0
        return 1.0 - ss_res / ss_tot

    def _validate_params(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {self.method!r}.")
        if not float(self.alpha) >= 0.0:
            raise ValueError(f"alpha must be >= 0, got {self.alpha!r}.")
        if self.method != "normal":
            if not float(self.learning_rate) > 0.0:
                raise ValueError(f"learning_rate must be > 0, got {self.learning_rate!r}.")
            if int(self.n_iters) < 1:
                raise ValueError(f"n_iters must be >= 1, got {self.n_iters!r}.")


def _as_matrix(X: ArrayLike) -> Array:
    """X as a finite float64 matrix (no copy when it already is one)."""
    arr = np.asarray(X, dtype=np.float64)
    if arr.ndim != 2:
        raise ValueError(
            f"X must be 2-D of shape (n_samples, n_features), got shape {arr.shape}: "
            "use X.reshape(-1, 1) for a single feature."
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"X has shape {arr.shape}: it needs at least one row and one column.")
    if not np.isfinite(arr).all():
        raise ValueError("X contains NaN or infinity: impute or drop those values first.")
    return arr


def _as_target(y: ArrayLike, n_samples: int) -> Array:
    """y as a finite 1-D float64 vector of n_samples values (a column (n, 1) is refused: in
    y - X @ w it would broadcast to an (n, n) matrix)."""
    arr = np.asarray(y, dtype=np.float64)
    if arr.ndim != 1:
        raise ValueError(
            f"y must be 1-D of shape (n_samples,), got shape {arr.shape}: use y.ravel() for "
            "a single column."
        )
    if arr.shape[0] != n_samples:
        raise ValueError(f"X has {n_samples} rows but y has {arr.shape[0]} values.")
    if not np.isfinite(arr).all():
        raise ValueError("y contains NaN or infinity: drop those rows first.")
    return arr


def _fit_normal(X: Array, y: Array, alpha: float, fit_intercept: bool) -> tuple[Array, float]:
    """Closed form: least squares on [Xc; sqrt(alpha) I] against [yc; 0], then
    b = mean(y) - mean(X) @ w (the minimiser of ||yc - Xc w||^2 + alpha ||w||^2)."""
    n_features = X.shape[1]
    x_mean = X.mean(axis=0) if fit_intercept else np.zeros(n_features)
    y_mean = float(y.mean()) if fit_intercept else 0.0
    design = X - x_mean  # a new array: the caller's X stays as it was
    target = y - y_mean
    if alpha > 0.0:
        design = np.vstack([design, np.sqrt(alpha) * np.eye(n_features)])
        target = np.concatenate([target, np.zeros(n_features)])
    solution, *_ = np.linalg.lstsq(design, target, rcond=None)
    coef: Array = np.asarray(solution, dtype=np.float64)
    return coef, y_mean - float(x_mean @ coef)


def _fit_descent(
    X: Array,
    y: Array,
    *,
    alpha: float,
    fit_intercept: bool,
    learning_rate: float,
    n_iters: int,
    stochastic: bool,
    rng: np.random.Generator,
) -> tuple[Array, float, list[float]]:
    """Gradient descent (or SGD) on centred, scaled features; coefficients mapped back.

    With Z = (X - mu) / s and X w = Z v - mu @ w, the slopes are w = v / s, and the penalty
    alpha * ||w||^2 is alpha * sum((v / s)^2): each scaled weight gets penalty alpha / s^2.
    The scale s = sqrt(var(X) + alpha / n) gives the loss a curvature of exactly 1 along each
    scaled weight (for alpha = 0, plain standardisation). The curvature matrix then has a
    unit diagonal, so its largest eigenvalue is at most n_features: any learning rate below
    2 / n_features converges, whatever the units of the features.
    """
    n_samples: int = X.shape[0]
    # Without an intercept, centring would change the model: keep mu = 0 (then the "variance"
    # is the mean square).
    mu = X.mean(axis=0) if fit_intercept else np.zeros(X.shape[1])
    s = np.sqrt(np.mean((X - mu) ** 2, axis=0) + alpha / n_samples)
    s[s == 0.0] = 1.0  # a constant feature with no penalty: nothing to scale
    Z = (X - mu) / s  # (n_samples, n_features)
    penalty = alpha / s**2  # (n_features,)
    v = np.zeros(X.shape[1])
    # The centred features make mean(y) the optimal intercept: start there.
    b = float(y.mean()) if fit_intercept else 0.0

    def loss(residual: Array) -> float:
        squared = float(residual @ residual) + float(v @ (penalty * v))
        return squared / (2.0 * n_samples)

    history: list[float] = []
    with np.errstate(over="ignore", invalid="ignore"):
        residual = y - Z @ v - b
        for it in range(1, n_iters + 1):
            if stochastic:
                # One pass in a fresh random order; the penalty is spread over the n steps.
                for i in rng.permutation(n_samples):
                    z_i = Z[i]
                    r_i = y[i] - z_i @ v - b
                    v -= learning_rate * (penalty * v / n_samples - r_i * z_i)
                    if fit_intercept:
                        b += learning_rate * r_i
            else:
                # Gradient of the loss: -(Z^T r) / n + penalty * v / n, and -mean(r) for b.
                v -= learning_rate * (penalty * v - Z.T @ residual) / n_samples
                if fit_intercept:
                    b += learning_rate * float(residual.mean())
            residual = y - Z @ v - b
            history.append(loss(residual))
            if not np.isfinite(history[-1]):
                raise ValueError(
                    f"{'SGD' if stochastic else 'gradient descent'} diverged at iteration "
                    f"{it} (loss {history[-1]}): lower learning_rate (now {learning_rate})."
                )
    coef = v / s
    return coef, b - float(mu @ coef), history
