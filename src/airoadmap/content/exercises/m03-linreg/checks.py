"""Checks of m03-linreg: linear regression from scratch, judged against scikit-learn.

Every data set is generated here with a fixed seed, so the learner's code never sees the
held-out data. The checks judge results, not the way they are computed: any correct solver
(normal equations, lstsq, QR, pinv; gradient descent with or without feature scaling) passes.
Learned values are compared with the exact minimiser of ||y - X w - b||^2 + alpha * ||w||^2
(the intercept b unpenalised), the fit scikit-learn's LinearRegression and Ridge compute.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import numpy as np

from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_at_least,
    expect_close,
    expect_fit_first,
    expect_unfitted,
    fail,
)

Array = np.ndarray[Any, np.dtype[np.float64]]

LEARNED = ("coef_", "intercept_", "loss_history_")

# The closed form must agree with scikit-learn to about 6 significant digits: any exact
# solver (solve, Cholesky, lstsq, QR, pinv) on these well-conditioned data reaches 1e-10.
RTOL_EXACT = 1e-6

# Held-out bar of `holdout_r2`, on the house-price data below (700 rows to fit, 300 held out).
# The noise caps R^2 at 0.906 on the held-out rows (the true price function scores 0.9059);
# exact least squares scores 0.9049; a model without intercept scores 0.889. The bar leaves
# 0.005 under least squares for numerical differences of any correct solver.
HOLDOUT_R2_BAR = 0.90


# --- helpers -------------------------------------------------------------------------------


def _model_class(ctx: Context) -> Any:
    module: ModuleType = ctx.load("linreg")
    cls: Any = getattr(module, "LinearRegression", None)
    if cls is None:
        fail("linreg.py defines no class LinearRegression: keep the class name of the starter.")
    return cls


class _Reference:
    """The exact fit of the objective: what scikit-learn's LinearRegression and Ridge give."""

    def __init__(self, coef: Array, intercept: float) -> None:
        self.coef_ = coef
        self.intercept_ = intercept

    def predict(self, X: Array) -> Array:
        return np.asarray(X, dtype=float) @ self.coef_ + self.intercept_


def _reference(X: Array, y: Array, *, alpha: float = 0.0, fit_intercept: bool = True) -> Any:
    """Minimise ||y - Xw - b||^2 + alpha * ||w||^2 (b never penalised) by least squares.

    Centring removes b; the penalty becomes sqrt(alpha) * I rows under X. This is the solution
    scikit-learn's LinearRegression and Ridge compute (tests/content/test_m03_linreg.py checks
    they agree) without importing scikit-learn, which would cost a second on every check.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean = X.mean(axis=0) if fit_intercept else np.zeros(X.shape[1])
    y_mean = float(y.mean()) if fit_intercept else 0.0
    A, t = X - x_mean, y - y_mean
    if alpha > 0.0:
        A = np.vstack([A, np.sqrt(alpha) * np.eye(X.shape[1])])
        t = np.concatenate([t, np.zeros(X.shape[1])])
    coef = np.linalg.lstsq(A, t, rcond=None)[0]
    return _Reference(coef, y_mean - float(x_mean @ coef))


@contextmanager
def _quiet() -> Iterator[None]:
    """Overflow in a diverging fit becomes a clear failure below, not a flood of warnings."""
    with np.errstate(all="ignore"):
        yield


def _fit(model: Any, X: Array, y: Array) -> Any:
    """Fit, and use the model itself afterwards (a fit that returns None fails one check only)."""
    X_given, y_given = X.copy(), y.copy()
    with _quiet():
        model.fit(X, y)
    expect(
        np.array_equal(X, X_given) and np.array_equal(y, y_given),
        "fit changed the X or y it was given (an in-place operation such as X -= mean): "
        "work on new arrays instead (X = X - mean), the caller's data must stay as it was.",
    )
    return model


def _predict(model: Any, X: Array) -> Array:
    """The learner's predictions, checked to have one value per row of X."""
    with _quiet():
        pred = np.asarray(model.predict(X), dtype=float)
    expect(
        pred.shape == (X.shape[0],),
        f"predict on {X.shape[0]} rows returned shape {pred.shape}: it must compute "
        "X @ coef_ + intercept_ for the X it is given (not return the training predictions).",
    )
    return pred


def _coef(model: Any) -> Array:
    if not hasattr(model, "coef_"):
        fail("After fit, the model has no coef_: set self.coef_ in fit.")
    return np.asarray(model.coef_, dtype=float)


def _intercept(model: Any) -> float:
    if not hasattr(model, "intercept_"):
        fail("After fit, the model has no intercept_: set self.intercept_ in fit.")
    value = model.intercept_
    if np.ndim(value) != 0:
        fail(
            f"intercept_ has shape {np.shape(value)}: it must be one number; "
            "use float(...) to store it."
        )
    return float(value)


def _r2(y: Array, pred: Array) -> float:
    """R^2 computed here, independently of the learner's score."""
    ss_res = float(np.sum((y - pred) ** 2))
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    return 1.0 - ss_res / ss_tot


def _data(
    seed: int,
    n: int,
    coef: list[float],
    *,
    intercept: float,
    means: list[float] | None = None,
    scales: list[float] | None = None,
    noise: float = 1.0,
) -> tuple[Array, Array]:
    """A linear data set: X with the given column means and scales, y = X coef + b + noise."""
    rng = np.random.default_rng(seed)
    p = len(coef)
    X = rng.normal(size=(n, p)) * np.asarray(scales or [1.0] * p)
    X += np.asarray(means or [0.0] * p)
    y = X @ np.asarray(coef) + intercept + noise * rng.normal(size=n)
    return X, y


def _standardised(
    seed: int, n: int, coef: list[float], *, intercept: float, noise: float
) -> tuple[Array, Array]:
    """A well-conditioned problem for gradient descent: columns of mean 0 and std 1 exactly."""
    X, _ = _data(seed, n, coef, intercept=0.0)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    rng = np.random.default_rng(seed + 1)
    y = X @ np.asarray(coef) + intercept + noise * rng.normal(size=n)
    return X, y


def _diverged(model: Any) -> bool:
    """True when the learned values hold NaN or infinity."""
    return not (np.all(np.isfinite(_coef(model))) and np.isfinite(_intercept(model)))


def _loss_history(model: Any, method: str) -> list[float]:
    history: Any = getattr(model, "loss_history_", None)
    if history is None:
        fail(f'method="{method}" set no loss_history_: append the loss at each iteration.')
    if not isinstance(history, list):
        fail(
            f"loss_history_ is a {type(history).__name__}: it must be a list "
            "(append one float per iteration)."
        )
    expect(len(history) > 0, f'loss_history_ is empty after fit with method="{method}".')
    try:
        values = [float(v) for v in history]
    except (TypeError, ValueError):
        fail(f"loss_history_ holds {history[0]!r}...: it must hold numbers (one per iteration).")
    return values


# --- the contract --------------------------------------------------------------------------


@check("__init__ stores its arguments; predict before fit says to call fit", hint="api")
def init_and_unfitted(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    given = {
        "method": "gd",
        "learning_rate": 0.05,
        "n_iters": 123,
        "alpha": 0.5,
        "fit_intercept": False,
        "random_state": 7,
    }
    model = LinearRegression(**given)
    for name, value in given.items():
        stored = getattr(model, name, "<missing>")
        expect(
            stored == value,
            f"LinearRegression({name}={value!r}).{name} is {stored!r}: __init__ should store "
            "each argument as an attribute of the same name (scikit-learn convention).",
        )
    expect_unfitted(model, LEARNED)
    X, _ = _data(0, 5, [1.0, 2.0], intercept=0.0)
    expect_fit_first(lambda: LinearRegression().predict(X), fit_call="fit(X, y)", attribute="coef_")


@check("an unknown method raises ValueError", hint="api")
def unknown_method(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(1, 20, [1.0, -1.0], intercept=0.5)
    try:
        _fit(LinearRegression(method="newton"), X, y)
    except NotImplementedError:
        raise
    except ValueError:
        return
    except Exception as exc:
        fail(
            f'method="newton" raised {type(exc).__name__}({str(exc)!r}): raise ValueError that '
            "names the valid methods ('normal', 'gd', 'sgd')."
        )
    fail(
        'LinearRegression(method="newton").fit(X, y) raised nothing: check the method in fit '
        "and raise ValueError that names the valid ones ('normal', 'gd', 'sgd')."
    )


@check("fit returns self; coef_ and intercept_ have the contract's shape and type", hint="api")
def fit_returns_self(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(2, 60, [1.5, -2.0, 0.5], intercept=4.0, means=[2.0, -1.0, 5.0])
    model = LinearRegression()
    with _quiet():
        returned = model.fit(X, y)
    expect(
        returned is model,
        f"fit returned {returned!r}, not the model itself: end fit with `return self`, so that "
        "calls chain: LinearRegression().fit(X, y).predict(X_new).",
    )
    coef: Any = getattr(model, "coef_", None)
    expect(
        isinstance(coef, np.ndarray),
        f"coef_ is {type(coef).__name__}: it must be a NumPy array of shape (n_features,).",
    )
    expect(
        np.shape(coef) == (3,),
        f"coef_ has shape {np.shape(coef)} for 3 features: it must have shape (3,) "
        "(no intercept inside, no extra axis: use .ravel() if needed).",
    )
    intercept = getattr(model, "intercept_", None)
    expect(
        isinstance(intercept, float | np.floating),
        f"intercept_ is {intercept!r} ({type(intercept).__name__}): it must be a float; "
        "store float(b).",
    )
    no_b = _fit(LinearRegression(fit_intercept=False), X, y)
    intercept = getattr(no_b, "intercept_", None)
    expect(
        isinstance(intercept, float | np.floating) and float(intercept) == 0.0,
        f"With fit_intercept=False, intercept_ is {intercept!r}: it must be 0.0.",
    )


@check("predict works on new data", hint="api")
def predict_on_new_data(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(3, 100, [0.8, -1.2, 2.0], intercept=-3.0, means=[1.0, 0.0, -2.0])
    train, new = slice(0, 80), slice(80, 100)
    model = _fit(LinearRegression(), X[train], y[train])
    coef, intercept = _coef(model), _intercept(model)
    for rows in (new, slice(80, 81)):
        pred = _predict(model, X[rows])
        n_new = rows.stop - rows.start
        expect_close(
            pred,
            X[rows] @ coef + intercept,
            what=f"predict on {n_new} new rows",
            note="predict(X) must be X @ coef_ + intercept_ for the X it is given.",
        )


@check("score returns R^2", hint="api")
def score_is_r2(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(4, 120, [1.0, 0.5], intercept=2.0, means=[3.0, -3.0], noise=2.0)
    train, new = slice(0, 90), slice(90, 120)
    model = _fit(LinearRegression(), X[train], y[train])
    for rows, label in ((new, "held-out rows"), (train, "training rows")):
        pred = _predict(model, X[rows])
        with _quiet():
            score = model.score(X[rows], y[rows])
        expect(
            score is not None and np.ndim(score) == 0,
            f"score on {label} returned {score!r}: it must return one float, R^2.",
        )
        r2 = _r2(y[rows], pred)
        mse = float(np.mean((y[rows] - pred) ** 2))
        if abs(float(score) - mse) <= 1e-9 * max(1.0, mse) and abs(r2 - mse) > 1e-6:
            fail(
                f"score on {label} returned {float(score):.6g}, the mean squared error: score "
                f"must return R^2 = 1 - SS_res / SS_tot (here {r2:.6g})."
            )
        expect_close(
            float(score),
            r2,
            what=f"score on {label}",
            note="score must return R^2 = 1 - sum((y - pred)^2) / sum((y - mean(y))^2).",
        )


# --- the closed form -----------------------------------------------------------------------


@check("normal equations match scikit-learn's LinearRegression", hint="closed_form")
def normal_matches_sklearn(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    cases = {
        "5 features with non-zero means": _data(
            10,
            200,
            [1.0, -2.0, 0.5, 0.05, 3.0],
            intercept=25.0,
            means=[10.0, -5.0, 3.0, 50.0, 0.0],
            scales=[1.0, 2.0, 0.5, 10.0, 3.0],
        ),
        "a single feature": _data(11, 50, [2.5], intercept=-7.5, means=[4.0], scales=[2.0]),
        "12 features, 40 rows": _data(
            12, 40, list(np.linspace(-1.0, 1.0, 12)), intercept=1.0, means=[1.0] * 12
        ),
    }
    for label, (X, y) in cases.items():
        ref = _reference(X, y)
        model = _fit(LinearRegression(method="normal"), X, y)
        coef, intercept = _coef(model), _intercept(model)
        if intercept == 0.0:
            fail(
                f"On {label}, intercept_ is 0.0 but scikit-learn's is {ref.intercept_:.4g}: "
                "did you add a column of ones (or centre X and y) when fit_intercept=True?"
            )
        expect_close(
            coef,
            ref.coef_,
            what=f"coef_ on {label}",
            rtol=RTOL_EXACT,
            atol=1e-9,
            note="Solve (X^T X) w = X^T y, with a column of ones in X (or X and y centred).",
        )
        expect_close(
            intercept,
            ref.intercept_,
            what=f"intercept_ on {label}",
            rtol=RTOL_EXACT,
            note="With centred data the intercept is mean(y) - mean(X) @ coef_.",
        )


@check("the intercept is fitted, and 0.0 when fit_intercept=False", hint="intercept")
def intercept_fitted(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(20, 150, [1.2, -0.7], intercept=3.2, means=[4.0, -2.0], scales=[1.0, 2.0])
    ref = _reference(X, y)
    model = _fit(LinearRegression(fit_intercept=True), X, y)
    intercept = _intercept(model)
    if intercept == 0.0:
        fail(
            f"intercept_ is 0.0 but the data's intercept is {ref.intercept_:.2f}: did you add a "
            "column of ones (or centre X and y) when fit_intercept=True?"
        )
    expect_close(
        intercept,
        ref.intercept_,
        what="intercept_ with fit_intercept=True",
        rtol=RTOL_EXACT,
        note="It is mean(y) - mean(X) @ coef_ (or the weight of the column of ones).",
    )
    expect_close(
        _coef(model),
        ref.coef_,
        what="coef_ with fit_intercept=True",
        rtol=RTOL_EXACT,
        note="The slopes change when the intercept is missing: fit both together.",
    )
    ref0 = _reference(X, y, fit_intercept=False)
    model0 = _fit(LinearRegression(fit_intercept=False), X, y)
    intercept0 = _intercept(model0)
    expect(
        intercept0 == 0.0,
        f"With fit_intercept=False, intercept_ is {intercept0:.4g}: it must be 0.0.",
    )
    expect_close(
        _coef(model0),
        ref0.coef_,
        what="coef_ with fit_intercept=False",
        rtol=RTOL_EXACT,
        note="With fit_intercept=False, solve X^T X w = X^T y on X as given "
        "(no column of ones, no centring).",
    )


@check("alpha > 0 matches scikit-learn's Ridge (the intercept is not penalised)", hint="ridge")
def ridge_matches_sklearn(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    alpha = 10.0
    X, y = _data(
        30, 100, [2.0, -1.0, 0.5, 1.5], intercept=15.0, means=[3.0, -4.0, 6.0, 1.0],
        scales=[1.0, 1.5, 2.0, 0.5],
    )  # fmt: skip
    n = X.shape[0]
    ref = _reference(X, y, alpha=alpha)
    model = _fit(LinearRegression(alpha=alpha), X, y)
    coef, intercept = _coef(model), _intercept(model)
    # What the usual mistakes give, to name the mistake.
    ones = np.column_stack([np.ones(n), X])
    penalised_b = np.linalg.solve(ones.T @ ones + alpha * np.eye(5), ones.T @ y)
    mistakes = {
        "coef_ equals the unpenalised solution: is alpha ignored? Add alpha to the diagonal "
        "of X^T X (for the slopes only).": _reference(X, y).coef_,
        "coef_ matches a penalised intercept: is alpha applied to the intercept? Centre X and "
        "y first, or put 0 (not alpha) on the diagonal entry of the column of ones.": (
            penalised_b[1:]
        ),
        f"coef_ matches alpha * n_samples: is the penalty's weight scaled by n? The objective "
        f"is ||y - Xw - b||^2 + alpha * ||w||^2, as in Ridge(alpha={alpha:g}).": _reference(
            X, y, alpha=alpha * n
        ).coef_,
        f"coef_ matches alpha / n_samples: is the penalty's weight divided by n? The objective "
        f"is ||y - Xw - b||^2 + alpha * ||w||^2, as in Ridge(alpha={alpha:g}).": _reference(
            X, y, alpha=alpha / n
        ).coef_,
    }
    if coef.shape == ref.coef_.shape and not np.allclose(coef, ref.coef_, rtol=RTOL_EXACT):
        for message, wrong in mistakes.items():
            if np.allclose(coef, wrong, rtol=1e-4, atol=1e-8):
                fail(message)
    expect_close(
        coef,
        ref.coef_,
        what=f"coef_ with alpha={alpha:g} (scikit-learn Ridge)",
        rtol=RTOL_EXACT,
        note="Solve (Xc^T Xc + alpha I) w = Xc^T yc on centred data.",
    )
    expect_close(
        intercept,
        ref.intercept_,
        what=f"intercept_ with alpha={alpha:g} (scikit-learn Ridge)",
        rtol=RTOL_EXACT,
        note="The intercept is not penalised: it is mean(y) - mean(X) @ coef_.",
    )
    ref0 = _reference(X, y, alpha=alpha, fit_intercept=False)
    model0 = _fit(LinearRegression(alpha=alpha, fit_intercept=False), X, y)
    expect_close(
        _coef(model0),
        ref0.coef_,
        what=f"coef_ with alpha={alpha:g}, fit_intercept=False (scikit-learn Ridge)",
        rtol=RTOL_EXACT,
        note="Without intercept, solve (X^T X + alpha I) w = X^T y.",
    )
    expect(_intercept(model0) == 0.0, "With fit_intercept=False, intercept_ must be 0.0.")


# --- gradient descent ----------------------------------------------------------------------


def _expect_converged(
    model: Any, ref: Any, X: Array, y: Array, *, method: str, atol: float = 1e-2
) -> None:
    """Close to the closed form: R^2 within 1e-2, coefficients within `atol` (loose)."""
    r2 = -np.inf if _diverged(model) else _r2(y, _predict(model, X))
    if not r2 >= 0.0:  # worse than predicting the mean (or nan): it went the wrong way
        fail(
            f'method="{method}" diverged (R^2 {r2:.3g} on its training data, coef_ = '
            f"{np.array2string(np.asarray(model.coef_, dtype=float), precision=3)}). Check the "
            "gradient's sign (w -= learning_rate * gradient, with gradient = -X^T (y - X w - b) "
            "/ n) and that it is averaged over the samples."
        )
    gap = _r2(y, ref.predict(X)) - r2
    epochs = " Here n_iters counts epochs (passes over all the samples)." if method == "sgd" else ""
    expect(
        gap <= 1e-2,
        f'method="{method}" reaches R^2 {gap:.3g} below the closed form on its training data: '
        "it has not converged. Is the gradient right (averaged over the samples, the intercept "
        f"updated too)?{epochs}",
    )
    expect_close(
        _coef(model),
        ref.coef_,
        what=f'coef_ of method="{method}"',
        rtol=1e-2,
        atol=atol,
        note="It should end near the closed-form solution on this well-conditioned problem.",
    )
    expect_close(
        _intercept(model),
        ref.intercept_,
        what=f'intercept_ of method="{method}"',
        rtol=1e-2,
        atol=atol,
        note="Update the intercept with the mean residual (its gradient is -mean(y - Xw - b)).",
    )


@check("gradient descent converges to the closed-form solution", hint="gradient_descent")
def gd_converges(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _standardised(40, 400, [1.0, -2.0, 0.5, 3.0, -0.7], intercept=4.0, noise=0.5)
    ref = _reference(X, y)
    model = _fit(LinearRegression(method="gd", learning_rate=0.1, n_iters=1000), X, y)
    history = _loss_history(model, "gd")
    _expect_converged(model, ref, X, y, method="gd")
    expect(
        history[-1] < history[0],
        f"loss_history_ goes from {history[0]:.4g} to {history[-1]:.4g}: the loss must "
        "decrease over the iterations when gradient descent works.",
    )


@check("gradient descent with alpha > 0 approaches Ridge", hint="ridge")
def gd_ridge(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    alpha = 30.0
    X, y = _standardised(50, 300, [2.0, -1.0, 1.5], intercept=-2.0, noise=0.5)
    n = X.shape[0]
    ref = _reference(X, y, alpha=alpha)
    model = _fit(LinearRegression(method="gd", learning_rate=0.1, n_iters=1000, alpha=alpha), X, y)
    if _diverged(model):
        fail(
            f'method="gd" with alpha={alpha:g} diverged: divide the penalty\'s gradient by n '
            "like the rest (alpha * w / n). Without the / n the penalty is n times too strong "
            "and every step overshoots."
        )
    coef = _coef(model)
    ols = _reference(X, y).coef_
    heavy = _reference(X, y, alpha=alpha * n).coef_
    if coef.shape == ols.shape and np.allclose(coef, ols, rtol=1e-3, atol=1e-3):
        fail(
            f'method="gd" with alpha={alpha:g} ends at the unpenalised solution: add the '
            "penalty's gradient, alpha * w / n (with the loss averaged over n samples)."
        )
    if coef.shape == heavy.shape and np.allclose(coef, heavy, rtol=1e-2, atol=1e-2):
        fail(
            f'method="gd" with alpha={alpha:g} shrinks as Ridge(alpha={alpha * n:g}): when the '
            "squared error is averaged over n, divide the penalty's gradient by n too "
            "(alpha * w / n)."
        )
    _expect_converged(model, ref, X, y, method="gd")


@check("SGD converges and is reproducible with random_state", hint="sgd")
def sgd_converges(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    # Low noise: a constant step leaves SGD jittering around the optimum with a spread of
    # about sqrt(learning_rate / 2) * noise = 0.007 per coefficient; 0.05 is 7 spreads.
    X, y = _standardised(60, 300, [1.5, -1.0, 0.5, 2.0], intercept=2.0, noise=0.1)
    ref = _reference(X, y)
    settings = {"method": "sgd", "learning_rate": 0.01, "n_iters": 50, "random_state": 0}
    model = _fit(LinearRegression(**settings), X, y)
    _loss_history(model, "sgd")
    _expect_converged(model, ref, X, y, method="sgd", atol=0.05)
    first = _coef(model).copy()
    again = _coef(_fit(LinearRegression(**settings), X, y))
    expect(
        np.array_equal(first, again),
        "Two models with random_state=0 learned different coef_ (largest difference "
        f"{np.max(np.abs(first - again)):.3g}): draw the random order from "
        "np.random.default_rng(self.random_state).",
    )
    refit = _coef(_fit(model, X, y))
    expect(
        np.array_equal(first, refit),
        "Fitting the same model twice with random_state=0 gave different coef_: create the "
        "random generator in fit, not in __init__, so that every fit starts from the seed.",
    )


# --- a bar on held-out data ----------------------------------------------------------------


def _houses(seed: int = 2024, n: int = 1000) -> tuple[Array, Array]:
    """House prices (thousands): area m^2, rooms, age, km to the centre, quality 1-10."""
    rng = np.random.default_rng(seed)
    area = rng.lognormal(np.log(110.0), 0.35, n)
    rooms = np.clip(np.round(area / 30.0 + rng.normal(0.0, 0.8, n)), 1, 8)
    age = rng.uniform(0.0, 80.0, n)
    distance = rng.gamma(2.0, 4.0, n)
    quality = rng.integers(1, 11, n).astype(float)
    price = (
        60.0
        + 2.2 * area
        + 8.0 * rooms
        - 0.9 * age
        - 4.0 * distance
        + 14.0 * quality
        - 0.03 * (distance - 8.0) ** 2  # a mild curvature no linear model captures
        + 30.0 * rng.standard_t(5, n)  # heavy-tailed noise
    )
    return np.column_stack([area, rooms, age, distance, quality]), price


@check(f"held-out R^2 on house prices reaches {HOLDOUT_R2_BAR}", hint="general")
def holdout_r2(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _houses()
    model = _fit(LinearRegression(), X[:700], y[:700])
    pred = _predict(model, X[700:])
    expect(
        bool(np.all(np.isfinite(pred))),
        "predict on the 300 held-out houses returned NaN or infinite values.",
    )
    expect_at_least(
        ctx,
        "r2_holdout",
        _r2(y[700:], pred),
        HOLDOUT_R2_BAR,
        note="(300 held-out houses, model LinearRegression() fitted on 700 others; exact least "
        "squares reaches 0.905). Make the closed-form and intercept checks pass first.",
    )
