"""Checks of m03-gradients: hand-written gradients, judged by numbers and by closed forms.

Every data set is generated here with a fixed seed. A gradient is compared twice: with the
central differences of the loss computed here (the slope the loss really has), and with the
closed form (to 1e-8). Before that, the usual mistakes (a sum for a mean, a sign, a missing
factor 2, a forgotten bias) are recognised by their exact values and named. The stability
checks run the learner's code with NumPy's floating-point errors raised and Python's
warnings recorded: an overflow there is a failure with a message, not a warning in a log.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_raises,
    fail,
)

Array = np.ndarray[Any, np.dtype[np.float64]]

MODULE = "gradients"

# A correct gradient agrees with central differences (eps = 1e-6) of the loss to about 1e-9
# here; 1e-6 leaves room for any correct way of computing it, and none for a wrong one.
FD_BAR = 1e-6
# Closed forms computed two correct ways differ by rounding only (about 1e-15 relative).
RTOL_EXACT = 1e-8


# --- helpers -------------------------------------------------------------------------------


def _func(ctx: Context, name: str) -> Callable[..., Any]:
    func = getattr(ctx.load(MODULE), name, None)
    if not callable(func):
        fail(f"{MODULE}.py defines no function {name}: keep the names of the starter.")
    return func


def _call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a learner's function, failing with its expected signature if the call cannot bind."""
    try:
        inspect.signature(func).bind(*args, **kwargs)
    except TypeError as exc:
        given = ", ".join(["..."] * len(args) + [f"{k}=..." for k in kwargs])
        fail(f"{func.__name__}({given}) cannot be called ({exc}): keep the starter's signature.")
    except ValueError:  # no signature to inspect (a builtin): just call it
        pass
    return func(*args, **kwargs)


@contextmanager
def _strict(what: str, fix: str) -> Iterator[None]:
    """Fail on an overflow, 0/0, log(0) or any warning raised by the code inside."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
                yield
        except (FloatingPointError, OverflowError, ZeroDivisionError) as exc:
            fail(f"{what} raised {type(exc).__name__} ({exc}). {fix}")
    if caught:
        first = caught[0]
        fail(f"{what} emitted a {first.category.__name__}: {first.message}. {fix}")


@contextmanager
def _quiet() -> Iterator[None]:
    """Outside the stability checks a wrong submission may overflow: judge its values only."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _call_kept(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`_call`, then fail if the call changed any array it was given (the brief: no function
    changes the arrays it is given)."""
    kept = [np.array(arg, copy=True) if isinstance(arg, np.ndarray) else None for arg in args]
    result = _call(func, *args, **kwargs)
    try:
        names = list(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        names = []
    for position, (arg, before) in enumerate(zip(args, kept, strict=True)):
        if before is None:
            continue
        name = names[position] if position < len(names) else f"argument {position + 1}"
        expect(
            np.array_equal(arg, before, equal_nan=True),
            f"{func.__name__} changed the {name} it was given (an in-place operation such as "
            f"{name} -= ... or {name}[...] = ...): no function may change its arguments; work "
            "on new arrays (or on a copy).",
        )
    return result


def _scalar(value: Any, what: str) -> float:
    if value is None:
        fail(f"{what} returned None, expected a float. (Did you forget a return statement?)")
    if np.ndim(value) != 0:
        fail(f"{what} returned shape {np.shape(value)}: it must return one float (the mean).")
    return float(value)


def _pair(result: Any, what: str, n_features: int) -> tuple[Array, float]:
    """The (dw, db) a gradient function returns, checked for shape."""
    if result is None:
        fail(f"{what} returned None, expected (dw, db). (Did you forget a return statement?)")
    if not isinstance(result, tuple | list) or len(result) != 2:
        fail(
            f"{what} returned {type(result).__name__}"
            f"{'' if np.ndim(result) == 0 else ' of shape ' + str(np.shape(result))}: "
            "it must return a tuple (dw, db)."
        )
    dw = np.asarray(result[0], dtype=float)
    if dw.shape != (n_features,):
        fail(f"{what}: dw has shape {dw.shape}, expected ({n_features},), one entry per weight.")
    return dw, _scalar(result[1], f"{what}'s db")


def _close(actual: Any, expected: Any, rtol: float = 1e-6) -> bool:
    a, e = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    return a.shape == e.shape and bool(np.allclose(a, e, rtol=rtol, atol=1e-12))


def _relative_error(actual: Array, expected: Array) -> float:
    """max |a - e| / max(|a|, |e|), entry by entry (0 where both are 0)."""
    diff = np.abs(actual - expected)
    scale = np.maximum(np.abs(actual), np.abs(expected))
    return float(np.max(np.divide(diff, scale, out=np.zeros_like(diff), where=scale > 0)))


def _central(f: Callable[[Array], float], p: Array, eps: float) -> Array:
    """The check's own central differences (p is 1-D or any shape)."""
    grad = np.empty(p.size)
    for i in range(p.size):
        step = np.zeros(p.size)
        step[i] = eps
        step = step.reshape(p.shape)
        grad[i] = (f(p + step) - f(p - step)) / (2.0 * eps)
    return grad.reshape(p.shape)


def _forward(f: Callable[[Array], float], p: Array, eps: float) -> Array:
    """Forward differences, to recognise them."""
    grad = np.empty(p.size)
    base = f(p)
    for i in range(p.size):
        step = np.zeros(p.size)
        step[i] = eps
        grad[i] = (f(p + step.reshape(p.shape)) - base) / eps
    return grad.reshape(p.shape)


# --- data and the reference math -----------------------------------------------------------


def _regression(seed: int, n: int, p: int) -> tuple[Array, float, Array, Array]:
    """(w, b, X, y): features with non-zero means, and a point (w, b) away from the optimum."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 2.0, p) + rng.uniform(-2.0, 2.0, p)
    y = X @ rng.normal(size=p) + 3.0 + rng.normal(size=n)
    return rng.normal(size=p), float(rng.normal()), X, y


def _classification(seed: int, n: int, p: int) -> tuple[Array, float, Array, Array]:
    """(w, b, X, y): labels 0.0 / 1.0 drawn from a logistic model, a point (w, b) to evaluate."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) + rng.uniform(-1.0, 1.0, p)
    y = (rng.random(n) < _sigmoid(X @ rng.normal(size=p) - 0.5)).astype(float)
    return rng.normal(size=p), float(rng.normal()), X, y


def _sigmoid(z: Array) -> Array:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def _mse(w: Array, b: float, X: Array, y: Array) -> float:
    r = X @ w + b - y
    return float(r @ r) / len(y)


def _mse_grad(w: Array, b: float, X: Array, y: Array) -> tuple[Array, float]:
    r = X @ w + b - y
    return 2.0 * X.T @ r / len(y), 2.0 * float(r.mean())


def _logistic(w: Array, b: float, X: Array, y: Array) -> float:
    z = X @ w + b
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _logistic_grad(w: Array, b: float, X: Array, y: Array) -> tuple[Array, float]:
    err = _sigmoid(X @ w + b) - y
    return X.T @ err / len(y), float(err.mean())


def _slope(loss: Callable[..., float], w: Array, b: float, X: Array, y: Array) -> Array:
    """Central differences (eps = 1e-6) of the check's own loss at (w, b): (dL/dw, dL/db)."""
    return _central(lambda t: loss(t[:-1], t[-1], X, y), np.append(w, b), 1e-6)


# --- sigmoid -------------------------------------------------------------------------------


@check("sigmoid computes 1 / (1 + e^-z) elementwise, keeping the shape of z", hint="sigmoid")
def sigmoid_values(ctx: Context) -> None:
    sigmoid = _func(ctx, "sigmoid")
    cases = {
        "z = np.linspace(-20, 20, 41)": np.linspace(-20.0, 20.0, 41),
        "a 3 x 4 array z": np.random.default_rng(1).normal(0.0, 4.0, size=(3, 4)),
        "z = np.array([0.0])": np.array([0.0]),
    }
    for label, z in cases.items():
        given = z.copy()
        with _quiet():
            out = _call(sigmoid, z)
        if out is None:
            fail("sigmoid returned None. (Did you forget a return statement?)")
        out = np.asarray(out, dtype=float)
        expect(
            out.shape == z.shape,
            f"sigmoid on {label} returned shape {out.shape}, expected {z.shape}: apply the "
            "formula elementwise with NumPy (no loop, no reduction).",
        )
        expect(np.array_equal(z, given), f"sigmoid changed its argument ({label}) in place.")
        expect_close(
            out,
            1.0 / (1.0 + np.exp(-z)),
            what=f"sigmoid on {label}",
            rtol=1e-6,
            atol=1e-12,
            note="sigmoid(z) = 1 / (1 + e^-z): sigmoid(0) = 0.5, sigmoid(2) = 0.8808.",
        )


@check("sigmoid stays finite, without overflow, at |z| = 1000", hint="stability")
def sigmoid_stable(ctx: Context) -> None:
    sigmoid = _func(ctx, "sigmoid")
    z = np.array([-1000.0, -710.0, -50.0, -1.0, 0.0, 1.0, 50.0, 710.0, 1000.0])
    with _strict(
        "sigmoid on z = [-1000, ..., 1000]",
        "e^1000 is beyond the largest float (1.8e308): compute e = np.exp(-np.abs(z)), which "
        "is at most 1, then 1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0. np.where "
        "computes both of its branches on every element, so np.exp(-z) inside np.where still "
        "overflows.",
    ):
        out = np.asarray(_call(sigmoid, z), dtype=float)
    expect(out.shape == z.shape, f"sigmoid returned shape {out.shape}, expected {z.shape}.")
    expect(
        bool(np.all(np.isfinite(out))),
        f"sigmoid returned {out.tolist()} for z = {z.tolist()}: NaN appears when inf / inf is "
        "computed (e^z / (1 + e^z) at z = 1000). Use exp(-|z|), which never overflows.",
    )
    expect_close(
        out,
        _sigmoid(z),
        what="sigmoid on z = [-1000, -710, -50, -1, 0, 1, 50, 710, 1000]",
        rtol=1e-6,
        atol=1e-15,
        note="sigmoid(-1000) is 0.0 and sigmoid(1000) is 1.0 to float precision.",
    )


# --- mean squared error --------------------------------------------------------------------


@check("mse_loss is the mean of the squared residuals", hint="mse")
def mse_loss_value(ctx: Context) -> None:
    mse_loss = _func(ctx, "mse_loss")
    for seed, n, p in ((1, 40, 3), (2, 7, 1)):
        w, b, X, y = _regression(seed, n, p)
        with _quiet():
            got = _scalar(_call_kept(mse_loss, w, b, X, y), "mse_loss")
        expected = _mse(w, b, X, y)
        r = X @ w + b - y
        mistakes = {
            n * expected: "the sum of the squared residuals: divide by n (it is a mean).",
            expected / 2: "half the mean: this loss has no 1/2 in front (some texts add one).",
            float(np.sqrt(expected)): "the root mean squared error: do not take the root.",
            float(np.mean(np.abs(r))): "the mean absolute error: square the residuals.",
        }
        if not np.isclose(got, expected, rtol=RTOL_EXACT):
            for value, what in mistakes.items():
                if np.isclose(got, value, rtol=1e-9):
                    fail(f"mse_loss on {n} samples returned {got:.6g}, {what}")
        expect_close(
            got,
            expected,
            what=f"mse_loss on {n} samples, {p} features",
            rtol=RTOL_EXACT,
            note="L = (1/n) * sum((X @ w + b - y) ** 2).",
        )


def _judge_gradient(
    name: str,
    got: tuple[Array, float],
    expected: tuple[Array, float],
    numeric: Array,
    *,
    n: int,
    formula: str,
) -> None:
    """Name a usual mistake, then compare with finite differences and the closed form."""
    dw, db = got
    ew, eb = expected
    if not (_close(dw, ew) and _close(db, eb)):
        both = {
            "n": f"is n = {n} times the gradient: the loss is a mean, so its gradient is "
            "averaged over the samples too (divide by n).",
            "-1": "has the wrong sign: it points downhill, so a descent step would climb. "
            "Use prediction minus target (X w + b - y, or p - y), not the reverse.",
            "0.5": "is half the gradient: the derivative of r^2 is 2 r.",
            "2": "is twice the gradient: check the constant factors (the derivative of "
            "log(1 + e^z) - y z is sigmoid(z) - y, with no factor 2).",
        }
        for factor, what in both.items():
            k = n if factor == "n" else float(factor)
            if _close(dw, k * ew) and _close(db, k * eb):
                fail(f"{name}: (dw, db) {what}")
        if _close(dw, ew):
            if db == 0.0:
                fail(
                    f"{name}: dw is right but db is 0.0: b moves every prediction by 1, so "
                    f"dL/db is the mean of the per-sample factors ({formula})."
                )
            fail(f"{name}: dw is right but db is {db:.6g}, expected {eb:.6g} ({formula}).")
        if _close(db, eb):
            fail(f"{name}: db is right but dw is off ({formula}): dw = X.T @ (...) / n.")
    theta_err = _relative_error(np.append(dw, db), numeric)
    expect(
        theta_err <= FD_BAR,
        f"{name} disagrees with the slope of the loss measured by finite differences: "
        f"largest relative error {theta_err:.3g} (bar {FD_BAR:g}). Expected {formula}.",
    )
    expect_close(dw, ew, what=f"{name}'s dw", rtol=RTOL_EXACT, note=formula)
    expect_close(db, eb, what=f"{name}'s db", rtol=RTOL_EXACT, note=formula)


@check("mse_gradient matches finite differences and the closed form", hint="mse")
def mse_gradient_matches(ctx: Context) -> None:
    mse_gradient = _func(ctx, "mse_gradient")
    for seed, n, p in ((3, 50, 4), (4, 9, 1)):
        w, b, X, y = _regression(seed, n, p)
        with _quiet():
            got = _pair(_call_kept(mse_gradient, w, b, X, y), "mse_gradient", p)
        numeric = _slope(_mse, w, b, X, y)
        _judge_gradient(
            f"mse_gradient on {n} samples",
            got,
            _mse_grad(w, b, X, y),
            numeric,
            n=n,
            formula="dw = (2/n) X^T r, db = (2/n) sum(r), r = X w + b - y",
        )


# --- logistic loss -------------------------------------------------------------------------


@check("logistic_loss is the mean binary cross-entropy", hint="logistic")
def logistic_loss_value(ctx: Context) -> None:
    logistic_loss = _func(ctx, "logistic_loss")
    for seed, n, p in ((5, 60, 3), (6, 8, 2)):
        w, b, X, y = _classification(seed, n, p)
        with _quiet():
            got = _scalar(_call_kept(logistic_loss, w, b, X, y), "logistic_loss")
        expected = _logistic(w, b, X, y)
        prob = _sigmoid(X @ w + b)
        mistakes = {
            n * expected: "the sum over the samples: divide by n (it is a mean).",
            -expected: "minus the loss: the cross-entropy is -[y log p + (1 - y) log(1 - p)], "
            "a positive number.",
            float(np.mean(-y * np.log(prob))): "the y = 1 term only: add "
            "-(1 - y) log(1 - p), the cost of the samples labelled 0.",
        }
        if not np.isclose(got, expected, rtol=RTOL_EXACT):
            for value, what in mistakes.items():
                if np.isclose(got, value, rtol=1e-9):
                    fail(f"logistic_loss on {n} samples returned {got:.6g}, {what}")
        expect_close(
            got,
            expected,
            what=f"logistic_loss on {n} samples, {p} features",
            rtol=RTOL_EXACT,
            note="L = mean(-y log p - (1 - y) log(1 - p)) with p = sigmoid(X @ w + b).",
        )


@check("logistic_gradient matches finite differences and the closed form", hint="logistic")
def logistic_gradient_matches(ctx: Context) -> None:
    logistic_gradient = _func(ctx, "logistic_gradient")
    for seed, n, p in ((7, 60, 3), (8, 11, 1)):
        w, b, X, y = _classification(seed, n, p)
        with _quiet():
            got = _pair(_call_kept(logistic_gradient, w, b, X, y), "logistic_gradient", p)
        numeric = _slope(_logistic, w, b, X, y)
        _judge_gradient(
            f"logistic_gradient on {n} samples",
            got,
            _logistic_grad(w, b, X, y),
            numeric,
            n=n,
            formula="dw = (1/n) X^T (p - y), db = mean(p - y), p = sigmoid(X w + b)",
        )


def _extreme() -> tuple[Array, float, Array, Array]:
    """Scores z = [1000, -1000, 800, -800, 0.5, -0.5] with labels [0, 1, 1, 0, 1, 0]."""
    X = np.array([[10.0, 0.0], [-10.0, 0.0], [8.0, 0.0], [-8.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    return np.array([100.0, 0.5]), 0.0, X, np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])


@check("the logistic loss and its gradient stay exact at |z| = 1000", hint="stability")
def logistic_extreme_logits(ctx: Context) -> None:
    logistic_loss = _func(ctx, "logistic_loss")
    logistic_gradient = _func(ctx, "logistic_gradient")
    w, b, X, y = _extreme()
    expected = _logistic(w, b, X, y)  # (1000 + 1000 + 0 + 0 + 0.474 + 0.474) / 6 = 333.49
    fix = (
        "With z = 1000 and y = 0, sigmoid(z) rounds to 1.0 and log(1 - 1.0) = log(0). Use the "
        "identity -y log(p) - (1 - y) log(1 - p) = log(1 + e^z) - y z, and compute "
        "log(1 + e^z) as np.logaddexp(0, z), which never overflows."
    )
    with _strict("logistic_loss on scores z = +-1000 and +-800", fix):
        got = _scalar(_call(logistic_loss, w, b, X, y), "logistic_loss")
    expect(np.isfinite(got), f"logistic_loss on scores z = +-1000 returned {got}. {fix}")
    if 0.0 < got < expected / 4:
        fail(
            f"logistic_loss on scores z = +-1000 returned {got:.6g}, expected {expected:.6g}: "
            "clipping p (np.clip(p, 1e-15, 1 - 1e-15)) caps the loss of a confidently wrong "
            "sample at 34.5 instead of 1000. Use log(1 + e^z) - y z with np.logaddexp(0, z)."
        )
    expect_close(
        got,
        expected,
        what="logistic_loss on scores z = [1000, -1000, 800, -800, 0.5, -0.5]",
        rtol=1e-9,
        note="Two samples are confidently wrong (loss 1000 each), two confidently right (0).",
    )
    with _strict(
        "logistic_gradient on scores z = +-1000 and +-800",
        "Compute p with your sigmoid, once it passes its stability check: it must never "
        "exponentiate a large positive number.",
    ):
        dw, db = _pair(_call(logistic_gradient, w, b, X, y), "logistic_gradient", 2)
    ew, eb = _logistic_grad(w, b, X, y)
    expect(
        bool(np.all(np.isfinite(dw))) and np.isfinite(db),
        f"logistic_gradient on scores z = +-1000 returned dw = {dw.tolist()}, db = {db}: use "
        "a sigmoid that never overflows (see the sigmoid checks).",
    )
    expect_close(
        np.append(dw, db),
        np.append(ew, eb),
        what="logistic_gradient (dw then db) on scores z = +-1000",
        rtol=1e-9,
        note="p - y is exactly 1, -1, 0, 0 on the four extreme samples.",
    )


# --- numerical gradient and gradient check -------------------------------------------------


def _bumpy(C: Array) -> tuple[Callable[[Array], float], Callable[[Array], Array]]:
    """f(P) = sum(C * sin(P)) + (sum(P^2))^2 / 4 and its gradient, for P of C's shape."""

    def f(P: Array) -> float:
        s = float(np.sum(P * P))
        return float(np.sum(C * np.sin(P))) + s * s / 4.0

    def grad(P: Array) -> Array:
        return C * np.cos(P) + float(np.sum(P * P)) * P

    return f, grad


@check("numerical_gradient uses central differences, for parameters of any shape", hint="numerical")
def numerical_gradient_central(ctx: Context) -> None:
    numerical_gradient = _func(ctx, "numerical_gradient")
    rng = np.random.default_rng(9)
    for shape in ((5,), (2, 3)):
        C = rng.normal(size=shape)
        params = rng.uniform(-1.0, 1.0, size=shape)
        f, grad = _bumpy(C)

        def traced(
            P: Array, f: Callable[[Array], float] = f, shape: tuple[int, ...] = shape
        ) -> float:
            if np.shape(P) != shape:
                fail(
                    f"numerical_gradient called f with arrays of shape {np.shape(P)}, but the "
                    f"params have shape {shape}: f takes the whole parameter array, moved in "
                    "one entry."
                )
            return f(np.asarray(P, dtype=float))

        given = params.copy()
        eps = 1e-3
        with _quiet():
            out = _call(numerical_gradient, traced, params, eps=eps)
        expect(
            np.array_equal(params, given),
            f"numerical_gradient changed the params array it was given (shape {shape}): move "
            "each entry on a copy (np.array(params, dtype=float)), or restore the saved value.",
        )
        if out is None:
            fail("numerical_gradient returned None. (Did you forget a return statement?)")
        out = np.asarray(out, dtype=float)
        expect(
            out.shape == shape,
            f"numerical_gradient returned shape {out.shape} for params of shape {shape}: "
            "return one partial derivative per parameter, in params' shape.",
        )
        expected = _central(f, params, eps)
        if not _close(out, expected, rtol=1e-8) and _close(out, _forward(f, params, eps), 1e-8):
            fail(
                f"numerical_gradient with eps={eps:g} gives forward differences "
                "(f(p + eps) - f(p)) / eps. Their error shrinks like eps, central differences' "
                "(f(p + eps) - f(p - eps)) / (2 eps) like eps^2: use central differences."
            )
        expect_close(
            out,
            expected,
            what=f"numerical_gradient(f, params, eps={eps:g}) on params of shape {shape}",
            rtol=1e-8,
            note="Use exactly (f(p + eps e_i) - f(p - eps e_i)) / (2 eps), with the eps given.",
        )
        with _quiet():
            out = np.asarray(_call(numerical_gradient, f, params), dtype=float)
        err = _relative_error(out, grad(params))
        expect(
            err <= FD_BAR,
            f"numerical_gradient(f, params) with its default eps is off the true gradient by "
            f"{err:.3g} (relative; central differences with eps = 1e-6 reach about 1e-9): make "
            "the default eps=1e-6.",
        )


@check("gradient_check returns the largest relative error", hint="gradient_check")
def gradient_check_value(ctx: Context) -> None:
    gradient_check = _func(ctx, "gradient_check")
    rng = np.random.default_rng(10)
    C = rng.normal(size=6)
    params = rng.uniform(-0.5, 0.5, size=6)
    f, grad = _bumpy(C)
    true = grad(params)

    def scaled(k: float, i: int) -> Callable[[Array], Array]:
        def g(P: Array) -> Array:
            out = grad(P)
            out[i] *= k
            return out

        return g

    with _quiet():
        good = _scalar(_call_kept(gradient_check, f, grad, params), "gradient_check")
    expect(
        0.0 <= good <= 1e-7,
        f"gradient_check on a correct gradient returned {good:.3g}: expected below 1e-7 "
        "(central differences with eps = 1e-6 agree to about 1e-9).",
    )
    # Wrong gradients of known error: (gradient, what is wrong, relative error, absolute error).
    cases = (
        (scaled(1.5, 2), "one entry 1.5 times too big", 0.5 / 1.5, abs(0.5 * true[2])),
        (scaled(-1.0, 4), "one entry of the wrong sign", 2.0, abs(2.0 * true[4])),
        (lambda P: 10.0 * grad(P), "every entry 10 times too big", 0.9, np.max(9.0 * abs(true))),
    )
    for g, label, expected, absolute in cases:
        with _quiet():
            got = _scalar(_call(gradient_check, f, g, params), "gradient_check")
        if not np.isclose(got, expected, rtol=1e-4) and np.isclose(got, absolute, rtol=1e-4):
            fail(
                f"gradient_check on a gradient with {label} returned {got:.6g}, the absolute "
                "error: divide each |a - g| by max(|a|, |g|)."
            )
        expect_close(
            got,
            expected,
            what=f"gradient_check on a gradient with {label}",
            rtol=1e-4,
            atol=0.0,
            note="The error of an entry is |a - g| / max(|a|, |g|); return the largest one.",
        )
    # A parameter f ignores: both gradients are exactly 0 there, which is no error at all.
    C0 = C.copy()
    C0[1] = 0.0

    def f0(P: Array) -> float:
        return float(np.sum(C0 * np.sin(P)))

    def g0(P: Array) -> Array:
        return C0 * np.cos(P)

    with _quiet():
        zero = _call(gradient_check, f0, g0, params)
    zero = _scalar(zero, "gradient_check")
    expect(
        np.isfinite(zero) and zero <= 1e-7,
        f"gradient_check returned {zero} on a correct gradient with an entry that is 0 in both "
        "gradients: 0 / 0 is not an error. Give that entry the error 0.0 (divide by 1 where "
        "max(|a|, |g|) is 0: diff / np.where(scale > 0, scale, 1.0)).",
    )

    # Broken gradients must never pass: NaN or infinity in either one gives inf.
    def f_nan(P: Array) -> float:  # NaN where the 4th parameter moves up: g holds NaN
        return float("nan") if P[3] > params[3] else f(P)

    broken: tuple[tuple[str, Callable[[Array], float], Callable[[Array], Any]], ...] = (
        ("grad_f holds NaN", f, lambda P: grad(P) * np.array([1, 1, np.nan, 1, 1, 1])),
        ("grad_f holds inf", f, lambda P: grad(P) * np.array([1, np.inf, 1, 1, 1, 1])),
        ("f gives NaN, so the numerical gradient holds NaN", f_nan, grad),
    )
    for label, func, gfunc in broken:
        with _quiet():
            got = _scalar(_call(gradient_check, func, gfunc, params), "gradient_check")
        expect(
            got == float("inf"),
            f"gradient_check returned {got} when {label}: return inf (float('inf')) when "
            "either gradient is not finite (check np.isfinite(a).all() and "
            "np.isfinite(g).all() first), so that a broken gradient never passes.",
        )
    # The eps given is the one used: with eps = 1e-2 central differences are off by about
    # eps^2 * f(3) / 6 (f(3) the third derivative), an error the check computes itself.
    eps = 1e-2
    expected = _relative_error(grad(params), _central(f, params, eps))
    with _quiet():
        got = _scalar(_call(gradient_check, f, grad, params, eps=eps), "gradient_check")
    expect_close(
        got,
        expected,
        what=f"gradient_check(f, grad_f, params, eps={eps:g}) on a correct gradient",
        rtol=1e-4,
        atol=0.0,
        note="Pass eps on to numerical_gradient(f, params, eps): with a larger eps the "
        "central differences (and so the error) grow like eps^2.",
    )


@check("gradient_check raises ValueError when grad_f returns another shape", hint="gradient_check")
def gradient_check_rejects_wrong_shape(ctx: Context) -> None:
    gradient_check = _func(ctx, "gradient_check")
    C = np.random.default_rng(10).normal(size=6)
    params = np.linspace(-0.5, 0.5, 6)
    f, grad = _bumpy(C)
    # (1,) and () broadcast against (6,) without an error, and (2, 3) has the right number
    # of entries: only a comparison of the shapes catches all three.
    for label, wrong in (
        ("(5,) (one entry short)", lambda P: grad(P)[:5]),
        ("(1,) (one number)", lambda P: grad(P)[:1]),
        ("() (a scalar)", lambda P: float(grad(P)[0])),
        ("(2, 3) (the right count in another shape)", lambda P: grad(P).reshape(2, 3)),
    ):
        call = (
            "gradient_check(f, grad_f, params) with params of shape (6,) and grad_f returning "
            f"shape {label}"
        )
        with _quiet():
            expect_raises(
                ValueError,
                gradient_check,
                f,
                wrong,
                params,
                call=call,
                mentions_any=("shape",),
                problem="say that the shapes differ",
                note="Compare the shape of grad_f(params) with params' shape and raise "
                "ValueError when they differ (the brief's Errors list).",
            )


# --- gradient descent ----------------------------------------------------------------------


@check("gradient_descent follows x - learning_rate * grad_f(x) and keeps the path", hint="descent")
def gradient_descent_path(ctx: Context) -> None:
    gradient_descent = _func(ctx, "gradient_descent")
    A = np.array([[3.0, 0.5], [0.5, 1.0]])
    c = np.array([1.0, -2.0])
    x0 = np.array([4.0, 3.0])
    lr, n_steps = 0.2, 60
    expected = [x0.copy()]
    for _ in range(n_steps):
        expected.append(expected[-1] - lr * (A @ expected[-1] - c))
    given = x0.copy()
    with _quiet():
        path = _call(gradient_descent, lambda x: A @ x - c, x0, lr, n_steps)
    if path is None:
        fail("gradient_descent returned None, expected the path. (Did you forget a return?)")
    path = np.asarray(path, dtype=float)
    expect(np.array_equal(x0, given), "gradient_descent changed x0: start from a copy of it.")
    expect(
        path.shape == (n_steps + 1, 2),
        f"gradient_descent with n_steps={n_steps} from x0 of shape (2,) returned shape "
        f"{path.shape}, expected ({n_steps + 1}, 2): x0 itself, then one row per step.",
    )
    expect(
        np.array_equal(path[0], x0),
        f"path[0] is {path[0].tolist()}, expected x0 = {x0.tolist()}: the path starts at x0.",
    )
    if _close(path[1], x0 + lr * (A @ x0 - c)):
        fail("gradient_descent steps uphill: subtract learning_rate * gradient from x.")
    expect_close(
        path,
        np.array(expected),
        what="gradient_descent path on f(x) = x^T A x / 2 - c^T x",
        rtol=1e-12,
        note="Each row is the previous one minus learning_rate * grad_f(previous).",
    )
    X0 = np.array([[1.0, -1.0], [2.0, 0.0]])
    target = np.array([[0.5, 0.5], [-1.0, 3.0]])
    with _quiet():
        path = np.asarray(_call(gradient_descent, lambda X: X - target, X0, 0.5, 3), dtype=float)
    expect(
        path.shape == (4, 2, 2),
        f"gradient_descent from a 2 x 2 x0 with n_steps=3 returned shape {path.shape}, "
        "expected (4, 2, 2): each point keeps x0's shape.",
    )
    halves = 0.5 ** np.arange(4).reshape(-1, 1, 1)  # each step halves the distance to target
    expect_close(
        path,
        target + halves * (X0 - target),
        what="gradient_descent path from a 2 x 2 x0 on f(X) = ||X - target||^2 / 2",
        rtol=1e-12,
        note="Each point is the previous one minus learning_rate * grad_f(previous), in x0's "
        "shape.",
    )
    with _quiet():
        path = np.asarray(_call(gradient_descent, lambda x: A @ x - c, x0, lr, 0), dtype=float)
    expect(
        path.shape == (1, 2) and np.array_equal(path[0], x0),
        f"gradient_descent with n_steps=0 returned shape {path.shape}: expected (1, 2), the "
        "path holding x0 alone (n_steps + 1 points).",
    )


def _logistic_task(seed: int = 11) -> tuple[Array, Array, Array, Array]:
    """(X_train, y_train, X_test, y_test): 3 standardised features, a logistic model's labels."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(2400, 3))
    y = (rng.random(2400) < _sigmoid(X @ np.array([1.5, -2.0, 0.5]) + 0.3)).astype(float)
    return X[:400], y[:400], X[400:], y[400:]


def _newton_minimum(X: Array, y: Array) -> float:
    """The minimum of the mean logistic loss, by Newton's method (exact to float precision)."""
    Xb = np.column_stack([X, np.ones(len(y))])
    theta = np.zeros(Xb.shape[1])
    for _ in range(25):
        p = _sigmoid(Xb @ theta)
        hess = (Xb.T * (p * (1.0 - p))) @ Xb / len(y)
        theta -= np.linalg.solve(hess, Xb.T @ (p - y) / len(y))
    return _logistic(theta[:-1], theta[-1], X, y)


@check("your gradient trains a logistic regression that reaches the accuracy bar", hint="descent")
def trains_logistic_regression(ctx: Context) -> None:
    gradient_descent = _func(ctx, "gradient_descent")
    logistic_gradient = _func(ctx, "logistic_gradient")
    X, y, X_test, y_test = _logistic_task()

    def grad(theta: Array) -> Array:
        dw, db = _pair(
            _call(logistic_gradient, theta[:-1], theta[-1], X, y), "logistic_gradient", 3
        )
        return np.append(dw, db)

    with _quiet():
        path = np.asarray(_call(gradient_descent, grad, np.zeros(4), 2.0, 300), dtype=float)
    expect(
        path.shape == (301, 4), f"gradient_descent returned shape {path.shape}, expected (301, 4)."
    )
    theta = path[-1]
    expect(
        bool(np.all(np.isfinite(theta))),
        f"After 300 steps the weights are {theta.tolist()}: make the gradient checks pass first.",
    )
    # The trace is checked against itself: every row is the previous one moved against the
    # true gradient there (so the path is the descent it claims to be, not made up).
    moves = np.array([np.append(*_logistic_grad(t[:-1], t[-1], X, y)) for t in path[:-1]])
    expect_close(
        path[1:],
        path[:-1] - 2.0 * moves,
        what="each row of the training path against the previous row minus 2.0 * the gradient",
        rtol=1e-9,
        atol=1e-12,
        note="Row k + 1 of the path is row k - learning_rate * grad_f(row k), with your "
        "logistic_gradient as grad_f: make the logistic_gradient and gradient_descent checks "
        "pass first.",
    )
    gap = _logistic(theta[:-1], theta[-1], X, y) - _newton_minimum(X, y)
    ctx.record("loss_gap", gap)
    expect(
        gap <= 1e-6,
        f"300 steps of gradient descent (learning_rate 2.0, from 0) end {gap:.3g} above the "
        "minimum of the training loss: make the logistic_gradient and gradient_descent checks "
        "pass first.",
    )
    accuracy = float(np.mean((X_test @ theta[:-1] + theta[-1] > 0.0) == (y_test == 1.0)))
    expect_bar(
        ctx,
        "accuracy_holdout",
        accuracy,
        note="(2,000 held-out points; the exact minimiser of the training loss scores 0.8115).",
    )
