"""The project's figures, each written to a PNG file and closed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.lab.figures import pyplot
from airoadmap.lab.segmentation.analysis import Projection

DPI = 120
FEATURES = ("recency", "frequency", "monetary")
VALUE_FORMATS = {"recency": "{:,.0f}", "frequency": "{:.1f}", "monetary": "${:,.0f}"}


def segment_colors(segments: list[int]) -> dict[int, Any]:
    """One colour per segment, the same in every figure."""
    plt = pyplot()
    cmap = plt.get_cmap("tab10")
    return {s: cmap(i % 10) for i, s in enumerate(sorted(segments))}


def _save(fig: Any, path: Path) -> None:
    plt = pyplot()
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)


def plot_k_selection(
    curves: pd.DataFrame, k_range: range, chosen: int, elbow: int, path: Path
) -> None:
    """Elbow (inertia) and silhouette against k, the allowed range shaded, k marked."""
    plt = pyplot()
    fig, (ax_inertia, ax_sil) = plt.subplots(1, 2, figsize=(10, 4))
    ks = curves.index.to_numpy()
    for ax in (ax_inertia, ax_sil):
        ax.axvspan(k_range.start - 0.5, k_range.stop - 0.5, color="0.92", zorder=0)
        ax.axvline(chosen, color="tab:red", linestyle="--", linewidth=1)
        ax.set_xticks(ks)
        ax.set_xlabel("number of segments k")
    ax_inertia.plot(ks, curves["inertia"], marker="o")
    ax_inertia.set_ylabel("inertia (sum of squared distances)")
    ax_inertia.set_title("Elbow: inertia always decreases")
    ax_inertia.annotate(
        f"elbow: k = {elbow}",
        (elbow, curves.loc[elbow, "inertia"]),
        textcoords="offset points",
        xytext=(12, 12),
        arrowprops={"arrowstyle": "->", "color": "0.3"},
    )
    ax_sil.plot(ks, curves["silhouette"], marker="o", color="tab:green")
    ax_sil.margins(y=0.15)  # room for the score's label above the top point
    ax_sil.set_ylabel("silhouette score (higher is better)")
    ax_sil.set_title(f"Silhouette: k = {chosen} chosen in {k_range.start}..{k_range.stop - 1}")
    ax_sil.annotate(
        f"{curves.loc[chosen, 'silhouette']:.3f}",
        (chosen, curves.loc[chosen, "silhouette"]),
        textcoords="offset points",
        xytext=(8, 6),
        color="tab:red",
    )
    ax_inertia.text(
        0.98,
        0.95,
        "shaded: k a marketing team can use",
        transform=ax_inertia.transAxes,
        ha="right",
        va="top",
        fontsize=8,
        color="0.35",
    )
    _save(fig, path)


def plot_pca_segments(
    projection: Projection,
    labels: pd.Series,
    names: dict[int, str],
    order: list[int],
    path: Path,
    max_points: int = 8_000,
    random_state: int = 0,
) -> None:
    """Customers on the first two principal components, coloured by segment (legend in
    `order`), with the directions of recency, frequency and monetary as arrows (a biplot)."""
    plt = pyplot()
    values = labels.to_numpy()
    colors = segment_colors(list(names))
    rng = np.random.default_rng(random_state)
    shown = np.arange(len(values))
    if len(shown) > max_points:  # a sample keeps the plot readable; the shares stay the same
        shown = np.sort(rng.choice(len(values), max_points, replace=False))
    points = projection.points
    jitter = rng.normal(0.0, 0.03, (len(shown), 2))  # frequency is discrete: split the stripes
    fig, ax = plt.subplots(figsize=(7.5, 6))
    for segment in order:
        rows = shown[values[shown] == segment]
        xy = points[rows] + jitter[np.isin(shown, rows)]
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=5,
            alpha=0.35,
            color=colors[segment],
            label=f"{names[segment]} ({np.mean(values == segment):.0%})",
            rasterized=True,
        )
    # One scale on both axes, so that an arrow keeps its direction.
    reach = 0.7 * float(np.abs(points[shown]).max(axis=0).min())
    for feature, (dx, dy) in zip(FEATURES, projection.loadings, strict=True):
        ax.annotate(
            "",
            xy=(dx * reach, dy * reach),
            xytext=(0, 0),
            arrowprops={"arrowstyle": "->", "color": "black", "linewidth": 1.2},
        )
        ax.text(  # just past the tip, on the outer side: the label never hides the arrow
            dx * reach * 1.05,
            dy * reach * 1.05,
            feature,
            fontsize=9,
            weight="bold",
            ha="left" if dx >= 0 else "right",
            va="bottom" if dy >= 0 else "top",
            bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1.5},
        )
    ex = projection.explained
    ax.set_xlabel(f"PC1 ({ex[0]:.0%} of the variance)")
    ax.set_ylabel(f"PC2 ({ex[1]:.0%} of the variance)")
    ax.set_title("Customers on two principal components of the scaled RFM")
    legend = ax.legend(loc="best", fontsize=8, markerscale=3, framealpha=0.9)
    for handle in legend.legend_handles:
        if handle is not None:
            handle.set_alpha(1.0)
    _save(fig, path)


def plot_profile_bars(table: pd.DataFrame, path: Path) -> None:
    """Mean recency, frequency and monetary of each segment, side by side (raw units)."""
    plt = pyplot()
    colors = segment_colors([int(s) for s in table.index])
    titles = {
        "recency": "mean recency (days, lower is better)",
        "frequency": "mean frequency (purchase days)",
        "monetary": "mean monetary ($ in total)",
    }
    fig, axes = plt.subplots(1, 3, figsize=(13, 0.6 * len(table) + 2.2), sharey=True)
    positions = np.arange(len(table))[::-1]  # biggest spenders on top
    labels = [
        f"{n}\n{s:.0%} of customers" for n, s in zip(table["name"], table["share"], strict=True)
    ]
    for ax, feature in zip(axes, FEATURES, strict=True):
        values = table[feature].to_numpy(dtype=float)
        ax.barh(positions, values, color=[colors[int(s)] for s in table.index])
        for y, v in zip(positions, values, strict=True):
            ax.text(v, y, " " + VALUE_FORMATS[feature].format(v), va="center", fontsize=8)
        ax.set_title(titles[feature], fontsize=10)
        ax.set_xlim(0, values.max() * 1.25)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_yticks(positions, labels, fontsize=9)
    fig.suptitle("Segment profiles", fontsize=12)
    _save(fig, path)


def plot_snake(means: pd.DataFrame, names: dict[int, str], path: Path) -> None:
    """Snake plot: each segment's mean of the scaled features (0 = the average customer)."""
    plt = pyplot()
    colors = segment_colors(list(names))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    x = np.arange(len(means.columns))
    for segment, row in means.iterrows():
        ax.plot(
            x, row.to_numpy(), marker="o", color=colors[int(segment)], label=names[int(segment)]
        )
    ax.axhline(0.0, color="0.5", linewidth=0.8)
    ax.set_xticks(x, [f"{c}\n(log1p, standardised)" for c in means.columns])
    ax.set_ylabel("segment mean (std units)")
    ax.set_title("Snake plot: how each segment differs from the average customer")
    ax.legend(fontsize=8, loc="best")
    _save(fig, path)
