"""Figures of the linear regression study: loss curves, coefficients, predictions.

Each function draws with matplotlib's Agg backend, saves one PNG and closes its figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

DPI = 120
COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:red")
# Relative rounding of a loss summed over a few thousand float64 terms: gaps below it are noise.
ROUNDING = 1e-14
PRICE_TICKS = (12_500, 25_000, 50_000, 100_000, 200_000, 400_000, 800_000, 1_600_000)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def loss_curves(
    path: Path,
    *,
    method: str,
    unit: str,
    histories: Mapping[str, Sequence[float]],
    minima: Mapping[str, float],
    title: str,
) -> Path:
    """Left: the training loss per `unit` with the closed form's loss dashed; right: the gap.

    histories and minima are keyed by the same labels (one curve per penalty). The gap
    (loss minus the closed form's) is drawn on a log scale, where linear convergence is a
    straight line, down to the rounding floor of the loss (ROUNDING times the loss): below
    it the differences are float noise and are left out.
    """
    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    floor = ROUNDING * min(minima.values())
    for colour, (label, history) in zip(COLOURS, histories.items(), strict=False):
        steps = np.arange(1, len(history) + 1)
        values = np.asarray(history, dtype=float)
        left.plot(steps, values, color=colour, label=f"{method}, {label}")
        left.axhline(minima[label], color=colour, linestyle="--", linewidth=1)
        gap = values - minima[label]
        right.plot(steps, np.where(gap > floor, gap, np.nan), color=colour, label=label)
    left.plot([], [], color="grey", linestyle="--", label="normal equations (one solve)")
    right.axhline(floor, color="grey", linestyle=":", linewidth=1, label="rounding floor")
    left.set_xscale("log")
    left.set_xlabel(f"{unit}, log scale")
    left.set_ylabel("training loss")
    left.set_title("Loss")
    left.legend(fontsize=8)
    right.set_yscale("log")
    right.set_xlim(0, max(len(h) for h in histories.values()) + 1)
    right.set_xlabel(unit)
    right.set_ylabel("loss - closed-form loss (log scale)")
    right.set_title("Distance to the minimum")
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.grid(True, which="major", alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def coefficients(
    path: Path, coefs: Mapping[str, ArrayLike], features: Sequence[str], *, title: str
) -> Path:
    """One row per feature (sorted by the first model's |coefficient|), one marker per model."""
    plt = _pyplot()
    names = list(coefs)
    first = np.asarray(coefs[names[0]], dtype=float)
    order = np.argsort(np.abs(first))  # largest at the top
    fig, ax = plt.subplots(figsize=(8, 0.26 * len(features) + 1.6))
    markers = ("o", "x", "+", "^", "s")
    rows = np.arange(len(features))
    for i, name in enumerate(names):
        values = np.asarray(coefs[name], dtype=float)[order]
        colour = COLOURS[i % len(COLOURS)]
        marker = markers[i % len(markers)]
        # The first model is the reference: a large open circle the others sit in.
        style = (
            {"s": 80, "facecolors": "none", "edgecolors": colour}
            if i == 0
            else {"s": 30, "color": colour}
        )
        ax.scatter(values, rows, marker=marker, label=name, zorder=3, **style)
    ax.axvline(0.0, color="grey", linewidth=0.8)
    ax.set_yticks(rows, [features[j] for j in order], fontsize=8)
    ax.set_ylim(-0.7, len(features) - 0.3)
    ax.set_xlabel("coefficient (change in log price per standard deviation)")
    ax.set_title(title)
    ax.grid(True, axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def predicted_vs_actual(path: Path, actual: ArrayLike, predicted: ArrayLike, *, title: str) -> Path:
    """Predicted against actual prices (dollars, log axes), with the line of perfect fit."""
    plt = _pyplot()
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

    actual_arr = np.exp(np.asarray(actual, dtype=float))
    predicted_arr = np.exp(np.asarray(predicted, dtype=float))
    low = min(actual_arr.min(), predicted_arr.min()) * 0.9
    high = max(actual_arr.max(), predicted_arr.max()) * 1.1
    fig, ax = plt.subplots(figsize=(5.6, 5.2))
    ax.scatter(actual_arr, predicted_arr, s=9, alpha=0.5, color=COLOURS[0], edgecolors="none")
    ax.plot([low, high], [low, high], color="black", linewidth=1, label="predicted = actual")
    ticks = [t for t in PRICE_TICKS if low <= t <= high]
    for axis, set_scale in ((ax.xaxis, ax.set_xscale), (ax.yaxis, ax.set_yscale)):
        set_scale("log")
        axis.set_major_locator(FixedLocator(ticks))
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"${v / 1000:.0f}k"))
        axis.set_minor_formatter(NullFormatter())
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_aspect("equal")
    ax.set_xlabel("actual sale price (log scale)")
    ax.set_ylabel("predicted sale price (log scale)")
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
