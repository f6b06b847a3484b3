"""Checks of m03-linreg: linear regression from scratch, judged against the exact minimiser.

Every data set is generated here with a fixed seed, so the learner's code never sees the
held-out data. The checks judge results, not the way they are computed: any correct solver
(normal equations, lstsq, QR, pinv; gradient descent with or without feature scaling) passes.
Learned values are compared with the exact minimiser of the brief's loss

    L(w, b) = (||y - X w - b||^2 + alpha * ||w||^2) / (2 n)        (b never penalised)

the fit scikit-learn's LinearRegression (alpha = 0) and Ridge compute (the content tests check
that `_reference` equals scikit-learn's; the checks themselves import only NumPy).

Each contract point of the brief is checked under every method and option it applies to; the
table that says which check covers which point is `tests/content/submissions/m03_linreg/
contract.toml`. The SGD checks that depend on the random order are seeded, so their verdict
never changes between runs; their power (at least 99.9% against the deterministic look-alike,
at most 0.1% false alarms over the random orders a correct solution may draw) is worked out
next to each.
"""

from __future__ import annotations

from itertools import product
from typing import Any

import numpy as np

from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_message,
    expect_raises,
    fail,
)
from airoadmap.grading.kit import estimator as est

Array = np.ndarray[Any, np.dtype[np.float64]]

LEARNED = ("coef_", "intercept_", "loss_history_")
METHODS = ("normal", "gd", "sgd")
DEFAULTS = {
    "method": "normal",
    "learning_rate": 0.01,
    "n_iters": 1000,
    "alpha": 0.0,
    "fit_intercept": True,
    "random_state": None,
}

# A few iterations per method, for the checks of the API (the values are not judged there).
QUICK: dict[str, dict[str, Any]] = {
    "normal": {},
    "gd": {"learning_rate": 0.1, "n_iters": 20},
    "sgd": {"learning_rate": 0.01, "n_iters": 3, "random_state": 0},
}

# The closed form must agree with the exact minimiser to about 6 significant digits: any exact
# solver (solve, Cholesky, lstsq, QR, pinv) on these well-conditioned data reaches 1e-10.
RTOL_EXACT = 1e-6
# 1000 steps of gradient descent with learning_rate 0.1 on standardised features shrink the
# distance to the minimiser by at least 0.94 per step (the smallest curvature of these data is
# above 0.6, in raw or rescaled coordinates): 0.94^1000 = 1e-27, so any correct descent is
# exact to rounding, and 1e-6 leaves room only for rounding.
GD_TOL = 1e-6
# SGD with a constant step ends within its noise of the minimiser. On the data of
# `sgd_converges` and `sgd_ridge` (learning_rate 0.005, 60 epochs), 300 to 400 simulated
# correct runs per case (with and without intercept, alpha 0 and 30), each with its own random
# orders, ended at most 0.036 from the minimiser (median 0.01 to 0.015): 0.1 is more than 2.5
# times the largest distance seen, so a false alarm is far below 0.1%. Every usual mistake ends
# at least 0.22 away (alpha ignored 0.34, alpha * n 1.45, alpha / n 0.33, 2 * alpha 0.23, a
# penalised intercept 0.46, centring without intercept 0.24, b never updated 2.0): each is
# caught always.
SGD_TOL = 0.1
# The loss that loss_history_ records must equal the check's own to this (relative).
RTOL_LOSS = 1e-6


# --- helpers -------------------------------------------------------------------------------


def _model_class(ctx: Context) -> Any:
    """The learner's class (fitted with `est.fit`: quietly, X and y checked to be unchanged,
    the model itself used afterwards, so a fit without `return self` fails one check only)."""
    return est.learner_class(ctx, "linreg", "LinearRegression")


DIVERGED_HERE = (
    "It diverged where a correct descent converges (the checks' learning rates are far below "
    "the limit): check the gradient's sign, and that it is averaged over the samples."
)


def _fit(model: Any, X: Array, y: Array, *, diverged: str = DIVERGED_HERE) -> Any:
    """`est.fit`, with a ValueError from the learner's fit on the checks' valid data read as a
    wrong answer (a FAIL that says so, `diverged` when it says it diverged), not as a crash."""
    try:
        return est.fit(model, X, y)
    except ValueError as exc:
        settings = ", ".join(f"{k}={getattr(model, k, '?')!r}" for k in DEFAULTS)
        why = (
            diverged
            if "diverg" in str(exc).lower()
            else "The data here are valid (2-D X, 1-D y with one value per row, finite)."
        )
        fail(f"fit raised ValueError({str(exc)!r}) with {settings}. {why}")


def _reference(X: Array, y: Array, *, alpha: float = 0.0, fit_intercept: bool = True) -> Any:
    """The exact minimiser of L (b never penalised), by least squares: (coef, intercept).

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
    coef = np.asarray(np.linalg.lstsq(A, t, rcond=None)[0], dtype=float)
    return coef, y_mean - float(x_mean @ coef)


def _penalised_intercept(X: Array, y: Array, alpha: float) -> tuple[Array, float]:
    """The usual mistake: a column of ones with alpha on its diagonal entry too."""
    ones = np.column_stack([X, np.ones(len(y))])
    gram = ones.T @ ones + alpha * np.eye(ones.shape[1])
    theta: Array = np.asarray(np.linalg.solve(gram, ones.T @ y), dtype=np.float64)
    return theta[:-1], float(theta[-1])


def _loss(coef: Array, intercept: float, X: Array, y: Array, alpha: float) -> float:
    """The brief's L(w, b) = (||y - X w - b||^2 + alpha * ||w||^2) / (2 n)."""
    r = y - X @ coef - intercept
    return float(r @ r + alpha * float(coef @ coef)) / (2.0 * len(y))


def _coef(model: Any) -> Array:
    if not hasattr(model, "coef_"):
        fail("After fit, the model has no coef_: set self.coef_ in fit.")
    try:
        return np.asarray(model.coef_, dtype=float)
    except (TypeError, ValueError):
        fail(f"coef_ is {model.coef_!r}: it must be a NumPy array of numbers.")


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


def _predict(model: Any, X: Array) -> Array:
    """The learner's predictions, checked to have one value per row of X."""
    with est.quiet():
        pred = model.predict(X)
    out = est.expect_output_shape(
        pred,
        (X.shape[0],),
        call=f"predict on {X.shape[0]} rows",
        note="It must compute X @ coef_ + intercept_ for the X it is given (not return the "
        "training predictions).",
    )
    return np.asarray(out, dtype=float)


def _r2(y: Array, pred: Array) -> float:
    """R^2 computed here, independently of the learner's score."""
    ss_res = float(np.sum((y - pred) ** 2))
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    return 1.0 - ss_res / ss_tot


def _history(model: Any, method: str) -> list[float]:
    """loss_history_ as a list of floats, or a failure that says what it is instead."""
    history: Any = getattr(model, "loss_history_", None)
    if history is None:
        fail(f'After fit with method="{method}", the model has no loss_history_: set it in fit.')
    if not isinstance(history, list):
        fail(
            f'loss_history_ is a {type(history).__name__} after method="{method}": it must be '
            "a list (append one float per step or epoch)."
        )
    try:
        return [float(v) for v in history]
    except (TypeError, ValueError):
        fail(f"loss_history_ holds {history[0]!r}...: it must hold numbers, one per step.")


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
    seed: int, n: int, coef: list[float], *, intercept: float, noise: float, offset: float = 0.0
) -> tuple[Array, Array]:
    """A well-conditioned problem for gradient descent: columns of std 1 exactly and mean
    `offset` (0: standardised; 1: a problem where centring without an intercept is wrong)."""
    X, _ = _data(seed, n, coef, intercept=0.0)
    X = (X - X.mean(axis=0)) / X.std(axis=0) + offset
    rng = np.random.default_rng(seed + 1)
    y = X @ np.asarray(coef) + intercept + noise * rng.normal(size=n)
    return X, y


def _diverged(model: Any) -> bool:
    """True when the learned values hold NaN or infinity."""
    return not (np.all(np.isfinite(_coef(model))) and np.isfinite(_intercept(model)))


def _options(method: str, fit_intercept: bool, alpha: float) -> str:
    return f'method="{method}", fit_intercept={fit_intercept}, alpha={alpha:g}'


# --- the contract --------------------------------------------------------------------------


@check("__init__ stores its arguments; predict before fit says to call fit", hint="api")
def init_and_unfitted(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    default = est.expect_init_stores_args(LinearRegression, {}, learned=LEARNED)
    for name, value in DEFAULTS.items():
        stored = getattr(default, name, "<missing>")
        expect(
            stored == value and type(stored) is type(value),
            f"LinearRegression().{name} is {stored!r}: the default must be {value!r}, as the "
            "contract in the brief shows.",
        )
    given = {
        "method": "gd",
        "learning_rate": 0.05,
        "n_iters": 123,
        "alpha": 0.5,
        "fit_intercept": False,
        "random_state": 7,
    }
    est.expect_init_stores_args(LinearRegression, given, learned=LEARNED)
    X, _ = _data(0, 5, [1.0, 2.0], intercept=0.0)
    for method in METHODS:
        est.expect_predict_before_fit_says_fit(
            LinearRegression(method=method), X, fit_call="fit(X, y)", attribute="coef_"
        )


@check("an unknown method raises ValueError in fit", hint="api")
def unknown_method(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(1, 20, [1.0, -1.0], intercept=0.5)
    for bad in ("newton", "GD"):
        try:
            model = LinearRegression(method=bad)
        except NotImplementedError:
            raise
        except Exception as exc:
            fail(
                f'LinearRegression(method="{bad}") raised {type(exc).__name__} in __init__: '
                "__init__ only stores its arguments (scikit-learn's rule); check the method in "
                "fit and raise ValueError there."
            )
        call = f'LinearRegression(method="{bad}").fit(X, y)'
        try:
            with est.quiet():
                model.fit(X, y)
        except NotImplementedError:
            raise
        except ValueError as exc:
            expect_message(exc, call=call, mentions_any=("method", "normal"), problem="the method")
            continue
        except Exception as exc:
            fail(
                f"{call} raised {type(exc).__name__}({str(exc)!r}): raise ValueError that names "
                "the valid methods ('normal', 'gd', 'sgd')."
            )
        fail(
            f"{call} raised nothing: the methods are exactly 'normal', 'gd' and 'sgd' (lower "
            "case); check self.method in fit and raise ValueError for any other value."
        )


# --- errors: what fit, predict and score refuse ------------------------------------------------

# Words of which a ValueError's message must contain one (any case), by what it refuses: lenient
# on the wording, but NumPy's own errors for the same input ("mismatch in its core dimension",
# "tuple index out of range") contain none of them.
TWO_D = ("2-d", "2d", "2 d", "two-dim", "two dim", "2 dim", "ndim", "reshape")
ONE_D = ("1-d", "1d", "1 d", "one-dim", "one dim", "1 dim", "ndim", "ravel", "flatten", "reshape")
ROWS = ("row", "sample", "length", "len(", "same number", "inconsistent", "number of")
COLUMNS = ("feature", "column")
EMPTY = ("empty", "row", "sample", "column", "feature", "at least", "zero", "no data")
FINITE = ("nan", "inf", "finite", "missing")
STEP = ("learning_rate", "learning rate")
DIVERGED = (*STEP, "diverg")


def _expect_value_error(
    action: Any, *, call: str, names: tuple[str, ...], what: str, note: str
) -> None:
    """`action()` raises ValueError whose message names the problem: one of `names`, any case."""
    with est.quiet():
        expect_raises(ValueError, action, call=call, note=note, mentions_any=names, problem=what)


def _new(LinearRegression: Any, **settings: Any) -> Any:
    """LinearRegression(**settings), failing if __init__ raises (it only stores its arguments)."""
    shown = ", ".join(f"{k}={v!r}" for k, v in settings.items())
    try:
        return LinearRegression(**settings)
    except NotImplementedError:
        raise
    except Exception as exc:
        fail(
            f"LinearRegression({shown}) raised {type(exc).__name__} in __init__: __init__ only "
            "stores its arguments (scikit-learn's rule); check them in fit and raise ValueError "
            "there."
        )


@check(
    'a bad setting (alpha < 0; learning_rate <= 0 or n_iters < 1 with "gd" or "sgd") raises '
    "ValueError in fit",
    hint="errors",
)
def bad_settings(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(1, 20, [1.0, -1.0], intercept=0.5)
    cases: list[tuple[str, dict[str, Any], tuple[str, ...], str]] = [
        (method, {"alpha": -1.0}, ("alpha",), "alpha must be >= 0") for method in METHODS
    ]
    for method in ("gd", "sgd"):
        cases += [(method, {"learning_rate": lr}, STEP, "learning_rate must be > 0")
                  for lr in (0.0, -0.1)]  # fmt: skip
        cases += [(method, {"n_iters": k}, ("n_iters", "iter"), "n_iters must be >= 1")
                  for k in (0, -5)]  # fmt: skip
    for method, bad, names, rule in cases:
        settings = {"method": method, **QUICK[method], **bad}
        model = _new(LinearRegression, **settings)
        shown = ", ".join(f"{k}={v!r}" for k, v in settings.items())
        _expect_value_error(
            lambda m=model: m.fit(X, y),
            call=f"LinearRegression({shown}).fit(X, y)",
            names=names,
            what=rule,
            note=f"Check the settings at the start of fit: {rule}, so fit raises ValueError "
            "naming it.",
        )


def _bad_x(X: Array) -> list[tuple[str, Array, tuple[str, ...], str]]:
    """X that fit, predict and score refuse: (what it is, X, words of the message, the rule)."""
    nan = X.copy()
    nan[1, 0] = np.nan
    inf = X.copy()
    inf[2, 1] = np.inf
    return [
        ("a 1-D X", X[:, 0].copy(), TWO_D, "X must be 2-D: use X.reshape(-1, 1) for one feature"),
        ("an X with no rows", X[:0], EMPTY, "X needs at least one row"),
        ("an X with NaN", nan, FINITE, "X must not hold NaN or infinity"),
        ("an X with infinity", inf, FINITE, "X must not hold NaN or infinity"),
    ]


def _bad_y(y: Array) -> list[tuple[str, Array, tuple[str, ...], str]]:
    """y that fit and score refuse, for an X with len(y) rows."""
    nan = y.copy()
    nan[3] = np.nan
    return [
        ("a y of shape (n, 1)", y.reshape(-1, 1), ONE_D,
         "y must be 1-D: y.ravel() makes a column 1-D"),
        ("a y with one value fewer than X has rows", y[:-1], ROWS,
         "y needs one value per row of X"),
        ("a y with one value", y[:1], ROWS, "y needs one value per row of X"),
        ("a y with NaN", nan, FINITE, "y must not hold NaN or infinity"),
    ]  # fmt: skip


@check("fit raises ValueError for an X or y it cannot use, for every method", hint="errors")
def fit_rejects_bad_input(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(5, 20, [1.0, -1.0, 0.5], intercept=0.5)
    for method in METHODS:
        cases = [(what, bad, y[: len(bad)], names, rule) for what, bad, names, rule in _bad_x(X)]
        cases.append(("an X with no columns", X[:, :0], y, EMPTY, "X needs at least one column"))
        cases += [(what, X, bad, names, rule) for what, bad, names, rule in _bad_y(y)]
        for what, X_bad, y_bad, names, rule in cases:
            model = _new(LinearRegression, method=method, **QUICK[method])
            _expect_value_error(
                lambda m=model, a=X_bad, b=y_bad: m.fit(a, b),
                call=f'fit with {what} (method="{method}")',
                names=names,
                what=rule,
                note=f"Check X and y at the start of fit ({rule}) and raise ValueError saying so.",
            )


@check(
    "predict and score raise ValueError for an X or y they cannot use (a new number of "
    "features too), for every method",
    hint="errors",
)
def predict_rejects_bad_input(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(6, 20, [1.0, -1.0, 0.5], intercept=0.5)
    for method in METHODS:
        model = _fit(_new(LinearRegression, method=method, **QUICK[method]), X, y)
        cases = [
            *_bad_x(X),
            ("an X with one feature fewer than in fit", X[:, :2], COLUMNS,
             "X needs as many columns as the X given to fit"),
            ("an X with one feature more than in fit", np.column_stack([X, X[:, 0]]), COLUMNS,
             "X needs as many columns as the X given to fit"),
        ]  # fmt: skip
        for what, X_bad, names, rule in cases:
            _expect_value_error(
                lambda m=model, a=X_bad: m.predict(a),
                call=f'predict with {what} (method="{method}")',
                names=names,
                what=rule,
                note=f"Check X in predict ({rule}) and raise ValueError saying so.",
            )
        for what, y_bad, names, rule in _bad_y(y):
            _expect_value_error(
                lambda m=model, b=y_bad: m.score(X, b),
                call=f'score with {what} (method="{method}")',
                names=names,
                what=rule,
                note=f"Check y in score as fit does ({rule}) and raise ValueError saying so.",
            )


@check('"gd" and "sgd" that diverge raise ValueError saying to lower learning_rate', hint="errors")
def divergence_raises(ctx: Context) -> None:
    """learning_rate 1000 multiplies the distance to the minimum by several hundred per step
    on these data (curvature near 1 along some direction, whatever the scaling the brief
    allows): the loss overflows within a few hundred steps, well inside n_iters."""
    LinearRegression = _model_class(ctx)
    X, y = _standardised(7, 30, [1.5, -1.0, 0.5], intercept=2.0, noise=0.5, offset=0.5)
    for method, fit_intercept in product(("gd", "sgd"), (True, False)):
        settings = {"method": method, "learning_rate": 1000.0, "fit_intercept": fit_intercept,
                    "n_iters": 1000 if method == "gd" else 50, "random_state": 0}  # fmt: skip
        model = _new(LinearRegression, **settings)
        _expect_value_error(
            lambda m=model: m.fit(X, y),
            call=f'fit with method="{method}", learning_rate=1000, fit_intercept={fit_intercept}',
            names=DIVERGED,
            what="it diverged: lower learning_rate",
            note="The loss overflows to infinity (then NaN) with so large a step: check it after "
            "every step or epoch (np.isfinite) and raise ValueError saying to lower "
            "learning_rate, rather than return NaN coefficients.",
        )


# A constant column (2.0 in every row) added to the data of gd_converges and sgd_converges, with
# their settings: the predictions must reach the closed form's to CONST_TOL (largest difference
# over the rows). Any correct gd is there to 1e-7 (raw features 1e-14; the solution's scaling
# without intercept, the slowest seen, 8e-8). Correct SGDs over 150 random_state values each
# ended at most 0.096 away (a doubled step without intercept; the solution 0.02): 0.3 is three
# times that. A column divided by its standard deviation 0 gives NaN, caught always.
CONST_TOL = {"gd": 1e-4, "sgd": 0.3}


@check('a constant column of X does not break "gd" or "sgd"', hint="gradient_descent")
def constant_feature(ctx: Context) -> None:
    """A column with standard deviation 0 (here 2.0 in every row): with an intercept its
    weight is not identifiable, but the fitted values are, and both methods must reach the
    closed form's (its minimum-norm least squares). Standardising must not divide by 0."""
    LinearRegression = _model_class(ctx)
    for method, fit_intercept in product(("gd", "sgd"), (True, False)):
        if method == "gd":
            X, y = _gd_data(fit_intercept)
            settings: dict[str, Any] = {"method": "gd", "learning_rate": 0.1, "n_iters": 1000}
        else:
            X, y = _sgd_data(fit_intercept)
            settings = dict(SGD_SETTINGS)
        X = np.column_stack([X, np.full(len(y), 2.0)])
        where = f'method="{method}", fit_intercept={fit_intercept}, a constant column in X'
        model = _new(LinearRegression, fit_intercept=fit_intercept, **settings)
        try:
            est.fit(model, X, y)
        except NotImplementedError:
            raise
        except Exception as exc:
            fail(
                f"fit with {where} raised {type(exc).__name__}({str(exc)!r}): a column whose "
                "standard deviation is 0 is allowed. If you standardise, leave such a column "
                "unscaled (scale 1) instead of dividing by 0."
            )
        if _diverged(model):
            fail(
                f"With {where}, coef_ or intercept_ holds NaN or infinity: a column whose "
                "standard deviation is 0 was divided by it. If you standardise, leave such a "
                "column unscaled (scale 1)."
            )
        ref_coef, ref_b = _reference(X, y, fit_intercept=fit_intercept)
        expect_close(
            _predict(model, X),
            X @ ref_coef + ref_b,
            what=f"predictions on the training data with {where}",
            rtol=0.0,
            atol=CONST_TOL[method],
            note="They should be the closed form's (the weight of the constant column and the "
            "intercept may share the constant between them).",
        )


@check("score of a constant y is 1.0 for exact predictions, 0.0 otherwise", hint="api")
def score_constant_y(ctx: Context) -> None:
    """As scikit-learn's r2_score: R^2 = 1 - SS_res / SS_tot divides by SS_tot = 0 for a
    constant y. The exact case scores two copies of one row against the model's own
    prediction for it (one feature: each prediction is one product and one sum, so both are
    the same number, and so is their mean)."""
    LinearRegression = _model_class(ctx)
    X, y = _data(8, 30, [2.0], intercept=1.0)
    for method in METHODS:
        model = _fit(_new(LinearRegression, method=method, **QUICK[method]), X, y)
        twice = np.repeat(X[:1], 2, axis=0)
        pred = _predict(model, twice)
        cases = (
            ("the model's own predictions", twice, pred.copy(), 1.0),
            ("3.0 in every row", X[:6], np.full(6, 3.0), 0.0),
        )
        for label, X_c, y_c, expected in cases:
            call = f'score(X, y) with y constant, {label} (method="{method}")'
            try:
                with est.quiet():
                    got = model.score(X_c, y_c)
            except NotImplementedError:
                raise
            except Exception as exc:
                fail(
                    f"{call} raised {type(exc).__name__}({str(exc)!r}): SS_tot is 0 for a "
                    "constant y; return 1.0 when the predictions are exact (SS_res = 0), else "
                    "0.0, as scikit-learn's r2_score."
                )
            expect(
                got is not None and np.ndim(got) == 0 and float(got) == expected,
                f"{call} returned {got!r}, expected {expected}: for a constant y (SS_tot = 0) "
                "score is 1.0 when the predictions are exact (SS_res = 0), else 0.0, as "
                "scikit-learn's r2_score (no division by 0).",
            )


@check(
    "fit returns self and leaves X and y unchanged; coef_, intercept_, loss_history_ have the "
    "contract's types, for every method",
    hint="api",
)
def fit_returns_self(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _standardised(2, 60, [1.5, -2.0, 0.5], intercept=4.0, noise=1.0, offset=0.5)
    for method, fit_intercept in product(METHODS, (True, False)):
        options = f'method="{method}", fit_intercept={fit_intercept}'
        model = LinearRegression(method=method, fit_intercept=fit_intercept, **QUICK[method])
        call = f"fit(X, y) with {options}"

        def fit(m: Any = model) -> Any:
            return m.fit(X, y)

        with est.quiet():
            returned = est.expect_input_unchanged(fit, X, y, call=call)
        expect(
            returned is model,
            f"{call} returned {returned!r}, not the model itself: end fit with `return self` "
            "(for every method), so that calls chain: LinearRegression().fit(X, y).predict(X).",
        )
        coef: Any = getattr(model, "coef_", None)
        expect(
            isinstance(coef, np.ndarray) and coef.shape == (3,),
            f"After {call}, coef_ is {type(coef).__name__} of shape {np.shape(coef)}: it must be "
            "a NumPy array of shape (3,) for 3 features (no intercept inside, no extra axis).",
        )
        intercept = getattr(model, "intercept_", None)
        expect(
            isinstance(intercept, float | np.floating),
            f"After {call}, intercept_ is {intercept!r} ({type(intercept).__name__}): it must "
            "be a float; store float(b).",
        )
        if not fit_intercept:
            expect(
                float(intercept) == 0.0,  # type: ignore[arg-type]
                f"With {options}, intercept_ is {intercept!r}: it must be 0.0.",
            )
        _history(model, method)


@check("predict works on new data, for every method", hint="api")
def predict_on_new_data(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _standardised(3, 100, [0.8, -1.2, 2.0], intercept=-3.0, noise=1.0, offset=0.5)
    train, new = slice(0, 80), slice(80, 100)
    for method in METHODS:
        model = _fit(LinearRegression(method=method, **QUICK[method]), X[train], y[train])
        coef, intercept = _coef(model), _intercept(model)
        for rows in (new, slice(80, 81)):
            pred = _predict(model, X[rows])
            n_new = rows.stop - rows.start
            expect_close(
                pred,
                X[rows] @ coef + intercept,
                what=f'predict on {n_new} new rows (method="{method}")',
                note="predict(X) must be X @ coef_ + intercept_ for the X it is given.",
            )


@check("score returns R^2, for every method", hint="api")
def score_is_r2(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _standardised(4, 120, [1.0, 0.5], intercept=2.0, noise=2.0, offset=0.5)
    train, new = slice(0, 90), slice(90, 120)
    for method in METHODS:
        model = _fit(LinearRegression(method=method, **QUICK[method]), X[train], y[train])
        for rows, label in ((new, "held-out rows"), (train, "training rows")):
            pred = _predict(model, X[rows])
            with est.quiet():
                score = model.score(X[rows], y[rows])
            where = f'score on {label} (method="{method}")'
            expect(
                score is not None and np.ndim(score) == 0,
                f"{where} returned {score!r}: it must return one float, R^2.",
            )
            r2 = _r2(y[rows], pred)
            mse = float(np.mean((y[rows] - pred) ** 2))
            if abs(float(score) - mse) <= 1e-9 * max(1.0, mse) and abs(r2 - mse) > 1e-6:
                fail(
                    f"{where} returned {float(score):.6g}, the mean squared error: score must "
                    f"return R^2 = 1 - SS_res / SS_tot (here {r2:.6g})."
                )
            expect_close(
                float(score),
                r2,
                what=where,
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
        ref_coef, ref_b = _reference(X, y)
        model = _fit(LinearRegression(method="normal"), X, y)
        coef, intercept = _coef(model), _intercept(model)
        if intercept == 0.0:
            fail(
                f"On {label}, intercept_ is 0.0 but scikit-learn's is {ref_b:.4g}: "
                "did you add a column of ones (or centre X and y) when fit_intercept=True?"
            )
        expect_close(
            coef,
            ref_coef,
            what=f"coef_ on {label}",
            rtol=RTOL_EXACT,
            atol=1e-9,
            note="Solve (X^T X) w = X^T y, with a column of ones in X (or X and y centred).",
        )
        expect_close(
            intercept,
            ref_b,
            what=f"intercept_ on {label}",
            rtol=RTOL_EXACT,
            note="With centred data the intercept is mean(y) - mean(X) @ coef_.",
        )


@check("the intercept is fitted, and 0.0 when fit_intercept=False", hint="intercept")
def intercept_fitted(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(20, 150, [1.2, -0.7], intercept=3.2, means=[4.0, -2.0], scales=[1.0, 2.0])
    ref_coef, ref_b = _reference(X, y)
    model = _fit(LinearRegression(fit_intercept=True), X, y)
    intercept = _intercept(model)
    if intercept == 0.0:
        fail(
            f"intercept_ is 0.0 but the data's intercept is {ref_b:.2f}: did you add a "
            "column of ones (or centre X and y) when fit_intercept=True?"
        )
    expect_close(
        intercept,
        ref_b,
        what="intercept_ with fit_intercept=True",
        rtol=RTOL_EXACT,
        note="It is mean(y) - mean(X) @ coef_ (or the weight of the column of ones).",
    )
    expect_close(
        _coef(model),
        ref_coef,
        what="coef_ with fit_intercept=True",
        rtol=RTOL_EXACT,
        note="The slopes change when the intercept is missing: fit both together.",
    )
    ref0, _ = _reference(X, y, fit_intercept=False)
    model0 = _fit(LinearRegression(fit_intercept=False), X, y)
    intercept0 = _intercept(model0)
    expect(
        intercept0 == 0.0,
        f"With fit_intercept=False, intercept_ is {intercept0:.4g}: it must be 0.0.",
    )
    expect_close(
        _coef(model0),
        ref0,
        what="coef_ with fit_intercept=False",
        rtol=RTOL_EXACT,
        note="With fit_intercept=False, solve X^T X w = X^T y on X as given "
        "(no column of ones, no centring).",
    )


def _name_mistake(
    coef: Array, intercept: float, X: Array, y: Array, *, alpha: float, fit_intercept: bool,
    tol: float, where: str,
) -> None:  # fmt: skip
    """Fail with the name of the usual mistake that (coef, intercept) matches, if any: with
    alpha > 0 the ridge mistakes, without intercept the centring of X."""
    n = len(y)
    right, right_b = _reference(X, y, alpha=alpha, fit_intercept=fit_intercept)
    if coef.shape != right.shape:
        return
    found = np.append(coef, intercept)

    def near(other: Array, other_b: float) -> bool:
        return bool(np.max(np.abs(found - np.append(other, other_b))) <= tol)

    if near(right, right_b):
        return
    objective = f"L = (||y - Xw - b||^2 + alpha * ||w||^2) / (2n), as Ridge(alpha={alpha:g})"
    mistakes: list[tuple[Array, float, str]] = []
    if not fit_intercept:
        centred, _ = _reference(X, y, alpha=alpha, fit_intercept=True)
        mistakes.append(
            (
                centred,
                0.0,
                "it is the fit on centred X: without intercept, use X as given (no centring, "
                "no column of ones); the model must pass through the origin.",
            )
        )
    if alpha > 0.0:
        mistakes += [
            (
                *_reference(X, y, fit_intercept=fit_intercept),
                "it is the unpenalised solution: is alpha ignored? The penalty's gradient is "
                "(alpha / n) * w (in the normal equations: alpha on the diagonal of X^T X).",
            ),
            (
                *_reference(X, y, alpha=alpha * n, fit_intercept=fit_intercept),
                f"it matches alpha * n_samples = {alpha * n:g}: the penalty is n times too strong. "
                f"The loss is {objective}: its gradient is (alpha / n) * w.",
            ),
            (
                *_reference(X, y, alpha=alpha / n, fit_intercept=fit_intercept),
                f"it matches alpha / n_samples = {alpha / n:g}: the penalty is divided by n "
                f"once too often. The loss is {objective}.",
            ),
            (
                *_reference(X, y, alpha=2.0 * alpha, fit_intercept=fit_intercept),
                f"it matches 2 * alpha = {2 * alpha:g}: the penalty's gradient is (alpha / n) * w "
                f"for the loss {objective}, not (2 * alpha / n) * w.",
            ),
        ]
        if fit_intercept:
            mistakes.append(
                (
                    *_penalised_intercept(X, y, alpha),
                    "it matches a penalised intercept: is alpha applied to the intercept? "
                    "Centre X and y first, or put 0 (not alpha) on the diagonal entry of the "
                    "column of ones; in gradient descent, b's gradient is -mean(r), no penalty.",
                )
            )
    for other, other_b, message in mistakes:
        if near(other, other_b):
            fail(f"{where}: {message}")


@check("alpha > 0 matches scikit-learn's Ridge (the intercept is not penalised)", hint="ridge")
def ridge_matches_sklearn(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _data(
        30, 100, [2.0, -1.0, 0.5, 1.5], intercept=15.0, means=[3.0, -4.0, 6.0, 1.0],
        scales=[1.0, 1.5, 2.0, 0.5],
    )  # fmt: skip
    # alpha = 10 with and without intercept; a small alpha too (a penalty below 1 counts).
    for alpha, fit_intercept in ((10.0, True), (10.0, False), (0.5, True)):
        where = f'coef_ with alpha={alpha:g}, fit_intercept={fit_intercept} (method="normal")'
        ref_coef, ref_b = _reference(X, y, alpha=alpha, fit_intercept=fit_intercept)
        model = _fit(LinearRegression(alpha=alpha, fit_intercept=fit_intercept), X, y)
        coef, intercept = _coef(model), _intercept(model)
        _name_mistake(
            coef, intercept, X, y, alpha=alpha, fit_intercept=fit_intercept, tol=1e-4, where=where
        )
        expect_close(
            coef,
            ref_coef,
            what=f"{where} (scikit-learn Ridge)",
            rtol=RTOL_EXACT,
            note="Solve (Xc^T Xc + alpha I) w = Xc^T yc on centred data (on X as given without "
            "intercept).",
        )
        expect_close(
            intercept,
            ref_b,
            what=f"intercept_ with alpha={alpha:g}, fit_intercept={fit_intercept}",
            rtol=RTOL_EXACT,
            note="The intercept is not penalised: it is mean(y) - mean(X) @ coef_ (0.0 without).",
        )


# --- gradient descent and SGD: where they end ----------------------------------------------


def _expect_converged(
    model: Any,
    X: Array,
    y: Array,
    *,
    method: str,
    alpha: float,
    fit_intercept: bool,
    tol: float,
    n_iters: int,
) -> None:
    """n_iters entries in loss_history_; close to the closed form: R^2 within 1e-2, coef_ and
    intercept_ within `tol`."""
    where = _options(method, fit_intercept, alpha)
    unit = "step" if method == "gd" else "epoch"
    length = len(_history(model, method))
    expect(
        length == n_iters,
        f"With {where} and n_iters={n_iters}, loss_history_ has {length} entries: it "
        f"must have exactly n_iters, one per {unit} (take all n_iters {unit}s, no early stop).",
    )
    ref_coef, ref_b = _reference(X, y, alpha=alpha, fit_intercept=fit_intercept)
    coef, intercept = _coef(model), _intercept(model)
    if not fit_intercept:
        expect(intercept == 0.0, f"With {where}, intercept_ is {intercept:.4g}: it must be 0.0.")
    elif intercept == 0.0 and abs(ref_b) > tol:
        fail(
            f"With {where}, intercept_ stayed 0.0 (the closed form's is {ref_b:.4g}): update b "
            "at every step too, against its gradient -mean(y - X w - b)."
        )
    r2 = -np.inf if _diverged(model) else _r2(y, _predict(model, X))
    if not r2 >= 0.0:  # worse than predicting the mean (or nan): it went the wrong way
        fail(
            f"{where} diverged (R^2 {r2:.3g} on its training data, coef_ = "
            f"{np.array2string(_coef(model), precision=3)}). Check the gradient's sign "
            "(w -= learning_rate * grad_w, with grad_w = -X^T (y - X w - b) / n + (alpha / n) "
            "* w) and that it is averaged over the samples."
        )
    _name_mistake(
        coef, intercept, X, y, alpha=alpha, fit_intercept=fit_intercept, tol=tol, where=where
    )
    gap = _r2(y, X @ ref_coef + ref_b) - r2
    epochs = " Here n_iters counts epochs (passes over all the samples)." if method == "sgd" else ""
    expect(
        gap <= 1e-2,
        f"{where} reaches R^2 {gap:.3g} below the closed form on its training data: it has "
        "not converged. Is the gradient right (averaged over the samples, the intercept "
        f"updated too)?{epochs}",
    )
    expect_close(
        coef,
        ref_coef,
        what=f"coef_ of {where}",
        rtol=0.0,
        atol=tol,
        note="It should end at the closed-form solution (within "
        f"{tol:g}) on this well-conditioned problem."
        + (" Without intercept, use X as given: no centring." if not fit_intercept else ""),
    )
    expect_close(
        intercept,
        ref_b,
        what=f"intercept_ of {where}",
        rtol=0.0,
        atol=tol,
        note="Update the intercept with the mean residual (its gradient is -mean(y - Xw - b)).",
    )


def _gd_data(fit_intercept: bool) -> tuple[Array, Array]:
    """Standardised features with an intercept; without one, features of mean 1 and a y with
    an intercept the model cannot have (so that centring X, which changes the model, shows)."""
    if fit_intercept:
        return _standardised(40, 300, [1.0, -2.0, 0.5], intercept=4.0, noise=0.5)
    return _standardised(41, 300, [1.0, -2.0, 0.5], intercept=1.0, noise=0.5, offset=1.0)


@check("gradient descent converges to the closed-form solution", hint="gradient_descent")
def gd_converges(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    for fit_intercept in (True, False):
        X, y = _gd_data(fit_intercept)
        settings = {"learning_rate": 0.1, "n_iters": 1000, "fit_intercept": fit_intercept}
        model = _fit(LinearRegression(method="gd", **settings), X, y)
        _expect_converged(
            model,
            X,
            y,
            method="gd",
            alpha=0.0,
            fit_intercept=fit_intercept,
            tol=GD_TOL,
            n_iters=1000,
        )


@check("gradient descent with alpha > 0 reaches Ridge", hint="ridge")
def gd_ridge(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    alpha = 30.0
    for fit_intercept in (True, False):
        X, y = _gd_data(fit_intercept)
        settings = {"learning_rate": 0.1, "n_iters": 1000, "fit_intercept": fit_intercept}
        overshoot = (
            f'method="gd" with alpha={alpha:g} diverged: divide the penalty\'s gradient by n '
            "like the rest ((alpha / n) * w). Without the / n the penalty is n times too strong "
            "and every step overshoots."
        )
        model = _fit(
            LinearRegression(method="gd", alpha=alpha, **settings), X, y, diverged=overshoot
        )
        if _diverged(model):
            fail(overshoot)
        _expect_converged(
            model,
            X,
            y,
            method="gd",
            alpha=alpha,
            fit_intercept=fit_intercept,
            tol=GD_TOL,
            n_iters=1000,
        )


def _sgd_data(fit_intercept: bool) -> tuple[Array, Array]:
    """Low noise: a constant step leaves SGD jittering around the minimiser (see SGD_TOL).
    Without intercept, features of mean 1 and a y with an intercept, as in `_gd_data`."""
    if fit_intercept:
        return _standardised(60, 100, [1.5, -1.0, 0.5, 2.0], intercept=2.0, noise=0.1)
    return _standardised(60, 100, [1.5, -1.0, 0.5, 2.0], intercept=1.0, noise=0.1, offset=1.0)


SGD_SETTINGS: dict[str, Any] = {
    "method": "sgd",
    "learning_rate": 0.005,
    "n_iters": 60,
    "random_state": 0,
}


@check("SGD converges to the closed-form solution", hint="sgd")
def sgd_converges(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    for fit_intercept in (True, False):
        X, y = _sgd_data(fit_intercept)
        model = _fit(LinearRegression(fit_intercept=fit_intercept, **SGD_SETTINGS), X, y)
        _expect_converged(
            model,
            X,
            y,
            method="sgd",
            alpha=0.0,
            fit_intercept=fit_intercept,
            tol=SGD_TOL,
            n_iters=SGD_SETTINGS["n_iters"],
        )


@check("SGD with alpha > 0 approaches Ridge", hint="ridge")
def sgd_ridge(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    alpha = 30.0
    for fit_intercept in (True, False):
        X, y = _sgd_data(fit_intercept)
        model = _fit(
            LinearRegression(alpha=alpha, fit_intercept=fit_intercept, **SGD_SETTINGS), X, y
        )
        _expect_converged(
            model,
            X,
            y,
            method="sgd",
            alpha=alpha,
            fit_intercept=fit_intercept,
            tol=SGD_TOL,
            n_iters=SGD_SETTINGS["n_iters"],
        )


# --- SGD: the random order -----------------------------------------------------------------


def _state(model: Any) -> list[Any]:
    """coef_, intercept_ and loss_history_ of a fitted model, to compare two fits."""
    return [_coef(model).copy(), _intercept(model), _history(model, "sgd")]


@check("SGD: the same random_state gives the same model, also when fit again", hint="sgd")
def sgd_reproducible(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _standardised(61, 30, [1.0, -0.5, 2.0], intercept=1.0, noise=1.0)
    for seed in (0, 42):
        settings = {"method": "sgd", "learning_rate": 0.02, "n_iters": 8, "random_state": seed}
        model = _fit(LinearRegression(**settings), X, y)
        first = _state(model)
        again = _state(_fit(LinearRegression(**settings), X, y))
        for label, a, b in zip(("coef_", "intercept_", "loss_history_"), first, again, strict=True):
            expect(
                np.array_equal(a, b),
                f"Two models with random_state={seed} learned different {label}: draw the "
                "random order from np.random.default_rng(self.random_state), created in fit "
                "(not the global np.random, not an unseeded generator).",
            )
        refit = _state(_fit(model, X, y))
        for label, a, b in zip(("coef_", "intercept_", "loss_history_"), first, refit, strict=True):
            expect(
                np.array_equal(a, b),
                f"Fitting the same model twice with random_state={seed} gave a different "
                f"{label}: create the random generator in fit, not in __init__, so that every "
                "fit starts from the seed (and start loss_history_ afresh in fit).",
            )


def _two_samples() -> tuple[Array, Array]:
    """Two samples, one feature, no intercept: an epoch visits them in order (0, 1) or (1, 0)."""
    return np.array([[1.0], [-2.0]]), np.array([2.0, 1.0])


def _fresh_order_data() -> tuple[Array, Array]:
    return _standardised(62, 30, [1.5, -1.0, 0.5], intercept=1.0, noise=1.0)


# Fresh-order test: `coef_` after FRESH_K and after FRESH_K + 1 epochs (same random_state,
# learning_rate 0.1) must differ by more than FRESH_MIN. One fixed order, reused every epoch,
# makes each epoch the same contraction (factor below 0.2 on these data), so the end of an
# epoch converges to that order's fixed point: after 20 epochs, the next moves it by less than
# 1e-12 (the look-alike is caught always). With a fresh random order the next epoch ends
# somewhere else in SGD's noise: in 3000 simulated correct runs the move was at least 0.04
# (median 0.32); a move below 1e-6 would need the new epoch's end to fall within 1e-6 of the
# previous one in all 4 coordinates, below 1e-12 by the density of those moves.
FRESH_K = 20
FRESH_MIN = 1e-6


@check("SGD draws a fresh random order every epoch, seeded by random_state", hint="sgd")
def sgd_random_order(ctx: Context) -> None:
    """Seeds matter: on two samples each epoch is one of 2 orders, so 3 epochs one of 8 order
    sequences; six random_state values (0 to 5) must not all give the same model. A correct
    SGD fails this only if all six seeds draw the same sequence: 8 * (1/8)^6 = 3e-5. It
    catches every SGD whose order ignores the seed (a fixed order, default_rng(0), whole-batch
    or mini-batch steps: with two samples those do not depend on the order at all)."""
    LinearRegression = _model_class(ctx)
    X2, y2 = _two_samples()
    ends = set()
    for seed in range(6):
        settings = {"learning_rate": 0.1, "n_iters": 3, "random_state": seed}
        model = _fit(LinearRegression(method="sgd", fit_intercept=False, **settings), X2, y2)
        ends.add(round(float(_coef(model)[0]), 12))
    expect(
        len(ends) > 1,
        "With 2 samples, 3 epochs and random_state = 0, 1, ..., 5, SGD learned the same coef_ "
        "every time: the order of the samples does not depend on random_state (or each step "
        "uses more than one sample). Draw each epoch's order from "
        "rng = np.random.default_rng(self.random_state), and step on one sample at a time.",
    )
    X, y = _fresh_order_data()
    ends_at = []
    for epochs in (FRESH_K, FRESH_K + 1):
        settings = {"learning_rate": 0.1, "n_iters": epochs, "random_state": 0}
        model = _fit(LinearRegression(method="sgd", **settings), X, y)
        ends_at.append(np.append(_coef(model), _intercept(model)))
    move = float(np.max(np.abs(ends_at[1] - ends_at[0])))
    expect(
        move > FRESH_MIN,
        f"One more epoch of SGD (after {FRESH_K}, learning_rate 0.1) moved the model by only "
        f"{move:.2g}: SGD has settled into a cycle, which happens when every epoch visits the "
        "samples in the same order. Draw a new order for each epoch (rng.permutation(n) inside "
        "the epoch loop, from one generator created before it).",
    )


def _one_hot(n: int = 12) -> tuple[Array, Array]:
    """One sample per feature: sample i has sqrt(n) in column i, 0 elsewhere (mean square 1 per
    column), so a step on sample i moves coef_[i] only, and no intercept couples them."""
    X = np.sqrt(n) * np.eye(n)
    y = np.random.default_rng(63).uniform(1.0, 3.0, n) * np.sqrt(n)
    return X, y


@check("SGD: each epoch visits every sample exactly once", hint="sgd")
def sgd_epochs(ctx: Context) -> None:
    """On one-hot rows (each sample moves its own weight only, fit_intercept=False, alpha=0),
    an epoch that visits every sample exactly once gives the same model whatever the order:
    two random_state values must agree (to rounding). Sampling with replacement passes only
    if both seeds draw the same visit counts for all 12 samples over 3 epochs, at most
    36! / (3!^12 * 12^36) = 2.4e-7: it is caught with probability above 99.9999%."""
    LinearRegression = _model_class(ctx)
    X, y = _one_hot()
    settings = {"method": "sgd", "learning_rate": 1.0 / 48.0, "fit_intercept": False}
    by_seed = []
    for seed in (0, 1):
        model = _fit(LinearRegression(n_iters=3, random_state=seed, **settings), X, y)
        by_seed.append(_coef(model))
    expect(
        bool(np.allclose(by_seed[0], by_seed[1], rtol=1e-10, atol=1e-12)),
        "On data where each sample moves its own weight only (one-hot rows, "
        "fit_intercept=False), two random_state values gave different coef_ after 3 epochs "
        f"(largest difference {np.max(np.abs(by_seed[0] - by_seed[1])):.3g}). Each epoch must "
        "visit every sample exactly once (a permutation: rng.permutation(n), not draws with "
        "replacement), one sample per step, on X as given (no centring without intercept).",
    )


# --- the loss history ----------------------------------------------------------------------

TRACE_K = 4  # fits with n_iters = 1 .. TRACE_K, each compared with the longest


def _name_loss_mistake(
    got: float,
    coef: Array,
    intercept: float,
    X: Array,
    y: Array,
    alpha: float,
    before: list[float],
) -> str:
    """The name of the usual mistake whose value `got` is, or ''."""
    n = len(y)
    r = y - X @ coef - intercept
    sq, pen = float(r @ r), alpha * float(coef @ coef)
    candidates = [
        ((sq + pen) / n, "twice the loss: record L = (||r||^2 + alpha * ||w||^2) / (2n), with "
         "the 1/2"),
        ((sq + pen) / 2, "the loss without the 1/n: divide by 2n"),
        (sq + pen, "the sum ||r||^2 + alpha * ||w||^2: divide by 2n"),
        (sq / (2 * n) + pen / 2, "the penalty not divided by n: it is alpha * ||w||^2 / (2n)"),
    ]  # fmt: skip
    candidates += [
        (value, "the loss before the last step: append the loss after updating w and b")
        for value in before
    ]
    if alpha > 0:
        candidates.append((sq / (2 * n), "the loss without the penalty alpha * ||w||^2 / (2n)"))
    for value, what in candidates:
        if abs(got - value) <= RTOL_LOSS * abs(value):
            return what
    return ""


@check(
    "loss_history_ records the loss after every step (gd) or epoch (sgd), and it decreases",
    hint="loss_history",
)
def loss_history_trace(ctx: Context) -> None:
    """Every entry is tied to the learner's own parameters: loss_history_[k - 1] of a fit with
    n_iters=K equals the last entry of a fit with n_iters=k (the brief: a shorter fit makes the
    same first steps), and that last entry equals L recomputed here at that fit's coef_ and
    intercept_ (relative 1e-6). The rule for "decreases": gd never goes up (relative 1e-9 for
    rounding); sgd ends below where it started (its single steps may go up; with learning_rate
    0.005 and 30 samples each epoch removes about 14% of the distance to the minimum, far more
    than the noise of one epoch)."""
    LinearRegression = _model_class(ctx)
    X, y = _standardised(70, 30, [1.5, -1.0, 0.5], intercept=2.0, noise=0.5, offset=0.5)
    for fit_intercept in (True, False):
        model = _fit(LinearRegression(method="normal", fit_intercept=fit_intercept), X, y)
        history = _history(model, "normal")
        expect(
            history == [],
            f'After fit with method="normal", loss_history_ is {history[:3]}...: the closed '
            "form takes no steps, so it is an empty list [].",
        )
    lr = {"gd": 0.1, "sgd": 0.005}
    # alpha = 45 on 30 samples: a penalty larger than the data's own curvature (45 / 30 > 1).
    for method, fit_intercept, alpha in product(("gd", "sgd"), (True, False), (0.0, 45.0)):
        where = _options(method, fit_intercept, alpha)
        unit = "step" if method == "gd" else "epoch"
        histories: list[list[float]] = []
        # Before step 1, w = 0 and b = 0 (or mean(y)): what a history recorded too early shows.
        zeros = np.zeros(X.shape[1])
        before = [_loss(zeros, 0.0, X, y, alpha), _loss(zeros, float(y.mean()), X, y, alpha)]
        for k in range(1, TRACE_K + 1):
            settings = {"learning_rate": lr[method], "n_iters": k, "random_state": 5}
            model = _fit(
                LinearRegression(method=method, alpha=alpha, fit_intercept=fit_intercept,
                                 **settings),
                X, y,
            )  # fmt: skip
            history = _history(model, method)
            expect(
                len(history) == k,
                f"With {where} and n_iters={k}, loss_history_ has {len(history)} entries: it "
                f"must have exactly n_iters, one per {unit}.",
            )
            coef, intercept = _coef(model), _intercept(model)
            expected = _loss(coef, intercept, X, y, alpha)
            if not abs(history[-1] - expected) <= RTOL_LOSS * abs(expected):
                mistake = _name_loss_mistake(history[-1], coef, intercept, X, y, alpha, before)
                fail(
                    f"With {where} and n_iters={k}, the last entry of loss_history_ is "
                    f"{history[-1]:.8g}, but the loss at the learned coef_ and intercept_ is "
                    f"{expected:.8g}" + (f": it is {mistake}." if mistake else ": record "
                    "L = (||y - X w - b||^2 + alpha * ||w||^2) / (2n) after each " + unit + ".")
                )  # fmt: skip
            before = [expected]
            histories.append(history)
        longest = histories[-1]
        for k, shorter in enumerate(histories[:-1], 1):
            expect(
                bool(np.allclose(shorter, longest[:k], rtol=1e-9, atol=0.0)),
                f"With {where}, loss_history_ of a fit with n_iters={k} is {shorter}, but the "
                f"first {k} entries with n_iters={TRACE_K} are {longest[:k]}: entry k - 1 must be "
                f"the loss after {unit} k, the same whatever n_iters is (for sgd: draw the "
                "orders epoch by epoch from one generator created in fit).",
            )
        if method == "gd":
            ups = [j for j in range(1, TRACE_K) if longest[j] > longest[j - 1] * (1 + 1e-9)]
            expect(
                not ups,
                f"With {where}, loss_history_ goes up at step {ups[0] + 1 if ups else 0}: "
                f"{longest}. Gradient descent with a small step never increases the loss: "
                "check the gradient's sign and factors.",
            )
        else:
            expect(
                longest[-1] < longest[0],
                f"With {where}, loss_history_ ends at {longest[-1]:.6g}, not below its first "
                f"entry {longest[0]:.6g}: SGD should lower the loss over the epochs.",
            )


@check(
    "learning_rate sets the step size of gd and sgd, the same at every step",
    hint="gradient_descent",
)
def learning_rate_used(ctx: Context) -> None:
    """A larger step gets further: with the loss convex and quadratic, each direction's excess
    loss shrinks by (1 - lr * curvature)^2 per step, so it is smaller for the larger lr while
    lr * curvature <= 1 (true here for any scaling the brief allows). For sgd, one epoch at
    0.01 or 0.001 on 40 samples acts like a gradient step of 0.4 or 0.04: the larger removes
    about 10 times more of the excess loss than the noise of one epoch can add.

    The same step every time: on one-hot rows (fit_intercept=False, alpha=0) every weight is
    its own problem, and a constant step (whatever the scaling) shrinks its distance to the
    exact fit by the same factor at every step of gd and every epoch of sgd: the distances
    after 1, 2, 3, 4 iterations form a geometric sequence. A decaying step does not."""
    LinearRegression = _model_class(ctx)
    X, y = _standardised(71, 40, [1.5, -1.0, 0.5], intercept=2.0, noise=0.5, offset=0.5)
    pairs = {"gd": ((0.1, 0.02), 5), "sgd": ((0.01, 0.001), 1)}
    for method, ((big, small), n_iters) in pairs.items():
        losses = []
        for lr in (big, small):
            settings = {"learning_rate": lr, "n_iters": n_iters, "random_state": 0}
            model = _fit(LinearRegression(method=method, **settings), X, y)
            losses.append(_loss(_coef(model), _intercept(model), X, y, 0.0))
        unit = f"{n_iters} steps" if method == "gd" else "1 epoch"
        expect(
            losses[0] < losses[1] * (1 - 1e-3),
            f'With method="{method}", {unit} at learning_rate={big:g} end at loss '
            f"{losses[0]:.6g}, at learning_rate={small:g} at {losses[1]:.6g}: the larger step "
            "should get further. Use self.learning_rate as the step size (w -= learning_rate * "
            "grad_w), not a fixed number.",
        )
    X, y = _one_hot()
    exact = y / np.sqrt(len(y))
    scale = float(np.max(np.abs(exact))) ** 2
    for method, lr in (("gd", 0.25), ("sgd", 1.0 / 48.0)):
        gaps = []
        for n_iters in (1, 2, 3, 4):
            settings = {"learning_rate": lr, "n_iters": n_iters, "random_state": 0}
            model = _fit(LinearRegression(method=method, fit_intercept=False, **settings), X, y)
            gaps.append(_coef(model) - exact)
        # A constant factor makes the gaps geometric: g[k + 1] * g[k - 1] = g[k]^2.
        geometric = all(
            np.allclose(gaps[k + 1] * gaps[k - 1], gaps[k] ** 2, rtol=1e-6, atol=1e-12 * scale)
            for k in (1, 2)
        )
        with np.errstate(all="ignore"):
            factors = [float(np.round(gaps[k + 1][0] / gaps[k][0], 6)) for k in range(3)]
        unit = "step" if method == "gd" else "epoch"
        expect(
            geometric,
            f'On one-hot rows (each weight its own problem), every {unit} of method="{method}" '
            "with a constant step shrinks the distance to the exact fit by the same factor; "
            f"here the factors of {unit}s 2, 3, 4 are {factors}. Keep the step learning_rate "
            "at every step (no decay, no schedule, no line search).",
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


@check("held-out R^2 on house prices reaches the bar", hint="general")
def holdout_r2(ctx: Context) -> None:
    LinearRegression = _model_class(ctx)
    X, y = _houses()
    model = _fit(LinearRegression(), X[:700], y[:700])
    pred = _predict(model, X[700:])
    expect(
        bool(np.all(np.isfinite(pred))),
        "predict on the 300 held-out houses returned NaN or infinite values.",
    )
    expect_bar(
        ctx,
        "r2_holdout",
        _r2(y[700:], pred),
        note="(300 held-out houses, model LinearRegression() fitted on 700 others; exact least "
        "squares reaches 0.905). Make the closed-form and intercept checks pass first.",
    )
