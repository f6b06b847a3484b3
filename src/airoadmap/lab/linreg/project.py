"""`airoadmap run m03-linreg`: the from-scratch LinearRegression on Ames, three ways.

1. Prepare Ames (data.py): 2930 houses, numeric features, log price, an 80/20 split.
2. Fit ours with "normal", "gd" and "sgd", each without penalty and with alpha = 10, and
   scikit-learn's LinearRegression and Ridge(alpha=10) (fitting.py); the step sizes of the
   gradient methods follow from the curvature of the loss.
3. Compare each of ours with its scikit-learn counterpart: coefficients, intercept, excess
   training loss, R^2 on both splits, fit time.

Writes comparison.csv / comparison.md, coefficients.csv, loss_gd.png, loss_sgd.png,
coefficients.png, predicted_vs_actual.png and report.md; returns the metrics.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.lab.linreg import data as ames
from airoadmap.lab.linreg import figures
from airoadmap.lab.linreg.fitting import (
    GD_LOG_REDUCTION,
    GD_MAX_ITERS,
    RIDGE_ALPHA,
    SEED,
    SGD_STEP_FRACTION,
    Comparison,
    DescentSettings,
    compare,
    descent_settings,
    objective,
)
from airoadmap.lab.reference import markdown_table, reference_module
from airoadmap.lab.stages import stage

# Columns of the Markdown table: (column of Comparison.table, header, format).
COLUMNS = (
    ("r2_train", "R² train", "{:.4f}"),
    ("r2_test", "R² test", "{:.4f}"),
    ("max_coef_diff_rel", "Δcoef (relative)", "{:.1e}"),
    ("intercept_diff", "Δ intercept", "{:.1e}"),
    ("excess_loss", "excess loss", "{:.1e}"),
    ("fit_ms", "fit (ms)", "{:.2f}"),
    ("time_ratio", "time vs sklearn", "{:.2f}x"),
)


def run(run_dir: Path, *, frame: pd.DataFrame | None = None) -> dict[str, Any]:
    """Run the study into `run_dir`; `frame` replaces the registry's Ames (tests)."""
    stage("loading and preparing Ames")
    prepared = ames.prepare(ames.load_ames() if frame is None else frame)
    ours = reference_module("m03-linreg", "linreg").LinearRegression
    settings = descent_settings(prepared.X_train)
    result = compare(prepared, ours, settings)  # a stage per model fitted

    stage("drawing the figures, writing the report")
    result.table.to_csv(run_dir / "comparison.csv")
    (run_dir / "comparison.md").write_text(_table(result), encoding="utf-8")
    result.coefficients.to_csv(run_dir / "coefficients.csv")
    _draw(run_dir, prepared, result)
    (run_dir / "report.md").write_text(_report(prepared, settings, result), encoding="utf-8")

    records = result.table.reset_index().to_dict(orient="records")
    return {
        "data": {
            "rows": prepared.n_rows,
            "train_rows": len(prepared.y_train),
            "test_rows": len(prepared.y_test),
            "features": len(prepared.features),
            "removed_rows": prepared.removed_rows,
            "dropped": prepared.dropped,
            "split_seed": ames.SPLIT_SEED,
        },
        "settings": asdict(settings),
        "models": [{k: _plain(v) for k, v in row.items()} for row in records],
        "summary": {
            f"{method}_max_coef_diff_rel": float(result.table.loc[name, "max_coef_diff_rel"])
            for method, name in (("normal", "ours normal"), ("gd", "ours gd"), ("sgd", "ours sgd"))
        }
        | {"r2_test": float(result.table.loc["ours normal", "r2_test"])},
    }


def _plain(value: Any) -> Any:
    """A table cell as JSON: NaN (no counterpart) becomes null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _cell(value: float, fmt: str) -> str:
    """A number of the table: blank without a counterpart, "< 1e-15" at the rounding level."""
    if pd.isna(value):
        return ""
    if fmt.endswith("e}") and value != 0.0 and abs(value) < 1e-15:
        return "< 1e-15"
    return fmt.format(value)


def _table(result: Comparison) -> str:
    display = pd.DataFrame(index=result.table.index.rename("model"))
    for column, header, fmt in COLUMNS:
        display[header] = [_cell(v, fmt) for v in result.table[column].to_numpy()]
    return markdown_table(display)


def _draw(run_dir: Path, prepared: ames.Prepared, result: Comparison) -> None:
    X, y = prepared.X_train, prepared.y_train
    suffix = f", alpha={RIDGE_ALPHA:g}"
    for method, unit in (("gd", "iteration"), ("sgd", "epoch")):
        labels = {
            "alpha = 0": f"ours {method}",
            f"alpha = {RIDGE_ALPHA:g}": f"ours {method}{suffix}",
        }
        closed = {"alpha = 0": "ours normal", f"alpha = {RIDGE_ALPHA:g}": f"ours normal{suffix}"}
        alphas = {"alpha = 0": 0.0, f"alpha = {RIDGE_ALPHA:g}": RIDGE_ALPHA}
        figures.loss_curves(
            run_dir / f"loss_{method}.png",
            method=method,
            unit=unit,
            histories={k: result.models[v].loss_history_ for k, v in labels.items()},
            minima={k: objective(result.models[v], X, y, alphas[k]) for k, v in closed.items()},
            title=f"Ames, log price: training loss of {method} "
            f"({len(prepared.features)} standardised features, {len(y)} houses)",
        )
    figures.coefficients(
        run_dir / "coefficients.png",
        {
            name: result.coefficients[name]
            for name in ("sklearn LinearRegression", "ours normal", "ours gd", "ours sgd")
        },
        prepared.features,
        title="Coefficients without penalty: ours (three methods) and scikit-learn",
    )
    model = result.models["ours normal"]
    figures.predicted_vs_actual(
        run_dir / "predicted_vs_actual.png",
        prepared.y_test,
        model.predict(prepared.X_test),
        title=f"Held-out houses ({len(prepared.y_test)}), ours normal: "
        f"R² = {model.score(prepared.X_test, prepared.y_test):.3f}",
    )


def _log_shrink(settings: DescentSettings) -> float:
    """ln of the factor by which `gd`'s steps shrink the error along the flattest direction."""
    ratio = settings.curvature_min / settings.curvature_max
    return -math.inf if ratio >= 1.0 else settings.gd_iters * math.log1p(-ratio)


def _gd_steps(settings: DescentSettings) -> str:
    """What the number of `gd` steps it ran does to the error, from the settings it ran with."""
    text = f"{settings.gd_iters} steps shrink it by e^{_log_shrink(settings):.3g}"
    if settings.gd_iters < settings.gd_iters_wanted:
        text += (
            f" (a reduction by e^-{GD_LOG_REDUCTION:g} would take {settings.gd_iters_wanted} "
            f"steps: the run stops at the cap of {GD_MAX_ITERS})"
        )
    return text + "."


def _gd_reached(settings: DescentSettings, measured: float, coef: np.ndarray) -> str:
    """The sentence on how close `gd` came, judged against the bound the curvature gives.

    Started from zero, the error of each coefficient is at most shrink * ||w||, so the largest
    difference relative to the largest coefficient is at most shrink * ||w|| / max |w|; float64
    adds about condition number x machine epsilon.
    """
    largest = float(np.abs(coef).max())
    bound = math.exp(_log_shrink(settings)) * float(np.linalg.norm(coef)) / largest
    rounding = settings.curvature_max / settings.curvature_min * float(np.finfo(float).eps)
    limit = max(bound, rounding)
    steps = f"{settings.gd_iters} steps at this curvature"
    if measured <= limit:
        floor = (
            f" (in float64, whose rounding at condition number "
            f"{settings.curvature_max / settings.curvature_min:.0f} is about {rounding:.0e})"
            if rounding > bound
            else ""
        )
        return (
            f"`gd` reaches it to {measured:.0e}, within the {limit:.0e} that {steps} "
            f"guarantee{floor}."
        )
    return (
        f"`gd` stops {measured:.0e} away, more than the {limit:.0e} that {steps} guarantee: "
        "it did not converge as the curvature predicts."
    )


def _fill(text: str, *, bullet: bool = False) -> str:
    """One paragraph (or list item) of the report, wrapped at 92 columns.

    Formulas use the minus sign "−", never "-": a wrapped line starting with "- " would
    become a list item.
    """
    if bullet:
        return textwrap.fill(text, 92, initial_indent="- ", subsequent_indent="  ")
    return textwrap.fill(text, 92)


def _report(prepared: ames.Prepared, settings: DescentSettings, result: Comparison) -> str:
    table = result.table
    normal, gd, sgd = (table.loc[f"ours {m}"] for m in ("normal", "gd", "sgd"))
    p = len(prepared.features)
    low, high = settings.curvature_min, settings.curvature_max
    dropped = [_fill(f"`{column}`: {why}", bullet=True) for column, why in prepared.dropped.items()]
    blocks = [
        "# Linear regression from scratch on Ames house prices",
        _fill(
            "The exercise's reference `LinearRegression` (m03-linreg), fitted three ways on the "
            "same data, next to scikit-learn's `LinearRegression` and `Ridge`. Every model "
            "minimises ||y − Xw − b||² + alpha ||w||², so each of ours must land on its "
            "counterpart's coefficients."
        ),
        "## Data",
        _fill(
            f"{prepared.n_rows} houses, {len(prepared.y_train)} to train on and "
            f"{len(prepared.y_test)} held out (seed {ames.SPLIT_SEED}), after removing "
            f"{prepared.removed_rows} houses above {ames.MAX_LIVING_AREA:.0f} square feet of "
            "living area, as the data set's author recommends (mostly partial sales of very "
            f"large houses). Target: log sale price. {p} numeric features, imputed (0 for "
            "missing basement, garage and masonry areas: the house has none; the training "
            "median elsewhere) and standardised with the training rows' mean and standard "
            "deviation. Left out:"
        ),
        "\n".join(dropped) or "- nothing",
        _fill(
            "A column that the others explain exactly makes the normal equations singular and "
            "gives gradient descent a direction without curvature, along which it never settles."
        ),
        "## Settings from the curvature",
        _fill(
            "The loss (||r||² + alpha ||w||²) / (2n) has the features' correlation matrix as "
            f"Hessian: its eigenvalues run from {low:.3g} to {high:.3g} (condition number "
            f"{high / low:.0f})."
        ),
        "\n".join(
            [
                _fill(
                    f"`gd`: learning rate 1 / λ_max = {settings.gd_learning_rate:.3g} "
                    f"(stable below {2 / high:.3g}); each step shrinks the error along the "
                    f"flattest direction by a factor 1 − λ_min / λ_max, so {_gd_steps(settings)}",
                    bullet=True,
                ),
                _fill(
                    "`sgd`: one sample per step, whose curvature is ||x_i||² (+1 for the "
                    f"intercept), at most {settings.max_row_norm2:.0f} here: learning rate "
                    f"{SGD_STEP_FRACTION:g} / {settings.max_row_norm2:.0f} = "
                    f"{settings.sgd_learning_rate:.3g}, {settings.sgd_epochs} epochs, seed {SEED}.",
                    bullet=True,
                ),
                _fill(
                    "`normal`: nothing to set; one pass over the data forms X^T X, then a "
                    f"{p} x {p} system is solved.",
                    bullet=True,
                ),
            ]
        ),
        "## Results",
        _table(result).rstrip(),
        _fill(
            "Differences are against the scikit-learn model with the same penalty; the "
            "coefficient difference is relative to the largest coefficient; the excess loss is "
            "the training loss above the closed form's. Times are medians of repeated fits on "
            "one BLAS thread, in milliseconds on this machine (benchmarks/bench_linreg.py "
            "times 1,000,000 rows)."
        ),
        "\n".join(
            [
                _fill(
                    f"`normal` equals scikit-learn to {normal['max_coef_diff_rel']:.0e} of the "
                    "largest coefficient: the same minimiser, up to rounding.",
                    bullet=True,
                ),
                _fill(
                    _gd_reached(
                        settings,
                        float(gd["max_coef_diff_rel"]),
                        result.coefficients["sklearn LinearRegression"].to_numpy(),
                    ),
                    bullet=True,
                ),
                _fill(
                    "`sgd`, with a constant step, ends in a cloud around the minimum: "
                    f"{sgd['max_coef_diff_rel']:.1%} of the largest coefficient away, "
                    f"{sgd['excess_loss']:.1e} above the minimum loss, held-out R² "
                    f"{sgd['r2_test']:.4f} against {normal['r2_test']:.4f}. A smaller step "
                    "(or one that decays) shrinks the cloud, at the cost of more epochs.",
                    bullet=True,
                ),
            ]
        ),
        "## Figures",
        "![Loss of gradient descent](loss_gd.png)",
        _fill(
            "`loss_gd.png`: gradient descent, per iteration (one pass over the data each). "
            "Right: the distance to the minimum falls on a straight line on the log scale "
            "(linear convergence) down to the rounding floor."
        ),
        "![Loss of SGD](loss_sgd.png)",
        _fill(
            "`loss_sgd.png`: SGD, per epoch: fast at first, then a plateau where the noise of "
            "single samples balances the pull towards the minimum."
        ),
        _fill(
            "The normal equations have no loss curve: they reach the minimum in one solve, "
            "without iterations. Their loss is the dashed line in both figures."
        ),
        "![Coefficients](coefficients.png)",
        _fill(
            "`coefficients.png`: the coefficients without penalty, per feature, largest at the "
            "top: ours with each method on top of scikit-learn's."
        ),
        "![Predicted against actual](predicted_vs_actual.png)",
        _fill("`predicted_vs_actual.png`: held-out houses, predicted against actual price."),
    ]
    return "\n\n".join(blocks) + "\n"
