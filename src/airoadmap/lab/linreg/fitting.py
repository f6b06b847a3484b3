"""Every model of the study: fitted, timed, and compared with its scikit-learn counterpart.

Ours is the exercise's reference `LinearRegression`, with the three methods, without
penalty (compared with scikit-learn's LinearRegression) and with alpha = 10 (compared with
Ridge(alpha=10)): all minimise ||y - X w - b||^2 + alpha ||w||^2, so each must land on its
counterpart's coefficients. The learning rates follow from the data instead of trial and
error (see `descent_settings`).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.lab.linreg.data import Array, Prepared
from airoadmap.lab.stages import stage

RIDGE_ALPHA = 10.0
SEED = 0
# Gradient descent runs until the slowest direction's error has shrunk by e^-28 (1e-12).
GD_LOG_REDUCTION = 28.0
GD_MAX_ITERS = 20_000
# SGD: a constant step leaves it jittering around the minimum, with a spread that grows
# like sqrt(learning_rate); a step of 0.3 / max ||x_i||^2 keeps the largest single-sample
# step well inside the stable range (below 2 / ||x_i||^2) with a spread of about 1% here.
SGD_STEP_FRACTION = 0.3
SGD_EPOCHS = 100
# Fits faster than this are repeated, and their median kept: one fit of a millisecond is
# mostly noise.
QUICK_FIT_S = 0.2
REPEATS = 7
BLAS_THREADS = 1


@dataclass(frozen=True)
class Candidate:
    """A model of the study: how to build it, and which model it is compared with."""

    name: str
    method: str  # "normal", "gd", "sgd", or "sklearn"
    alpha: float
    make: Callable[[], Any]
    reference: str | None  # the name of the scikit-learn model it must match


@dataclass(frozen=True)
class DescentSettings:
    """Learning rates and iteration counts derived from the training features."""

    curvature_max: float  # largest eigenvalue of the features' correlation matrix
    curvature_min: float  # smallest one
    gd_learning_rate: float
    gd_iters: int
    gd_iters_wanted: int  # the steps for a reduction of e^-GD_LOG_REDUCTION, before the cap
    sgd_learning_rate: float
    sgd_epochs: int
    max_row_norm2: float  # max_i ||x_i||^2 + 1 (the 1 for the intercept)


def descent_settings(X: Array) -> DescentSettings:
    """Step sizes from the curvature of the loss, for standardised X.

    The loss (||r||^2 + alpha ||w||^2) / (2n) has Hessian X^T X / n (plus alpha / n on the
    diagonal), the correlation matrix for standardised X. Gradient descent is stable below
    2 / lambda_max; at 1 / lambda_max each step shrinks the error along the flattest
    direction by (1 - lambda_min / lambda_max), which sets the number of steps. SGD steps on
    one sample, whose curvature is ||x_i||^2: its step is bounded by the largest row.
    """
    eigenvalues = np.linalg.eigvalsh(X.T @ X / X.shape[0])
    low, high = float(max(eigenvalues[0], 1e-12)), float(eigenvalues[-1])
    wanted = math.ceil(GD_LOG_REDUCTION * high / low)
    row_norm2 = float(np.max(np.sum(X * X, axis=1))) + 1.0
    return DescentSettings(
        curvature_max=high,
        curvature_min=low,
        gd_learning_rate=1.0 / high,
        gd_iters=min(GD_MAX_ITERS, wanted),
        gd_iters_wanted=wanted,
        sgd_learning_rate=SGD_STEP_FRACTION / row_norm2,
        sgd_epochs=SGD_EPOCHS,
        max_row_norm2=row_norm2,
    )


def candidates(ours: type, settings: DescentSettings) -> list[Candidate]:
    """Ours with each method at alpha 0 and 10, then scikit-learn's two references."""
    from sklearn.linear_model import LinearRegression as SkLinear
    from sklearn.linear_model import Ridge

    def our(method: str, alpha: float) -> Callable[[], Any]:
        options: dict[str, Any] = {"method": method, "alpha": alpha}
        if method == "gd":
            options |= {
                "learning_rate": settings.gd_learning_rate,
                "n_iters": settings.gd_iters,
            }
        elif method == "sgd":
            options |= {
                "learning_rate": settings.sgd_learning_rate,
                "n_iters": settings.sgd_epochs,
                "random_state": SEED,
            }
        return lambda: ours(**options)

    linear, ridge = "sklearn LinearRegression", f"sklearn Ridge(alpha={RIDGE_ALPHA:g})"
    models = [
        Candidate(f"ours {method}{suffix}", method, alpha, our(method, alpha), ref)
        for alpha, suffix, ref in (
            (0.0, "", linear),
            (RIDGE_ALPHA, f", alpha={RIDGE_ALPHA:g}", ridge),
        )
        for method in ("normal", "gd", "sgd")
    ]
    models.append(Candidate(linear, "sklearn", 0.0, SkLinear, None))
    models.append(Candidate(ridge, "sklearn", RIDGE_ALPHA, lambda: Ridge(alpha=RIDGE_ALPHA), None))
    return models


def timed_fit(make: Callable[[], Any], X: Array, y: Array) -> tuple[Any, float]:
    """Fit a fresh model; repeat quick fits and keep the median time. Returns (model, s)."""
    times: list[float] = []
    while True:
        model = make()
        started = time.perf_counter()
        model.fit(X, y)
        times.append(time.perf_counter() - started)
        if times[0] > QUICK_FIT_S or len(times) == REPEATS:
            return model, statistics.median(times)


def objective(model: Any, X: Array, y: Array, alpha: float) -> float:
    """The loss the gradient methods record: (||y - X w - b||^2 + alpha ||w||^2) / (2n)."""
    residual = y - X @ model.coef_ - model.intercept_
    return (float(residual @ residual) + alpha * float(model.coef_ @ model.coef_)) / (2 * len(y))


@dataclass
class Comparison:
    """The fitted models, their comparison table and coefficients."""

    models: dict[str, Any]
    candidates: list[Candidate]
    table: pd.DataFrame  # one row per model
    coefficients: pd.DataFrame  # features x models


def compare(data: Prepared, ours: type, settings: DescentSettings) -> Comparison:
    """Fit every candidate on the training rows; score, time and compare them.

    BLAS runs on one thread (BLAS_THREADS) for every model: on a few thousand rows more
    threads only add synchronisation, and timings on a busy machine become noise.
    """
    from threadpoolctl import threadpool_limits

    fitted: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    pool = candidates(ours, settings)
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        for candidate in pool:
            stage(f"fitting {candidate.name}")
            fitted[candidate.name], seconds[candidate.name] = timed_fit(
                candidate.make, data.X_train, data.y_train
            )
    rows = []
    for candidate in pool:
        model = fitted[candidate.name]
        row: dict[str, Any] = {
            "model": candidate.name,
            "alpha": candidate.alpha,
            "r2_train": float(model.score(data.X_train, data.y_train)),
            "r2_test": float(model.score(data.X_test, data.y_test)),
            "fit_ms": 1000.0 * seconds[candidate.name],
        }
        if candidate.reference is not None:
            ref = fitted[candidate.reference]
            gap = np.abs(np.asarray(model.coef_) - ref.coef_)
            row |= {
                "compared_with": candidate.reference,
                "max_coef_diff": float(gap.max()),
                "max_coef_diff_rel": float(gap.max() / np.abs(ref.coef_).max()),
                "intercept_diff": abs(float(model.intercept_) - float(ref.intercept_)),
                "excess_loss": objective(model, data.X_train, data.y_train, candidate.alpha)
                - objective(ref, data.X_train, data.y_train, candidate.alpha),
                "time_ratio": seconds[candidate.name] / seconds[candidate.reference],
            }
        rows.append(row)
    table = pd.DataFrame(rows).set_index("model")
    coefficients = pd.DataFrame(
        {name: np.asarray(model.coef_, dtype=float) for name, model in fitted.items()},
        index=pd.Index(data.features, name="feature"),
    )
    return Comparison(fitted, pool, table, coefficients)
