"""The figures of an EDA report that the exercise does not already draw.

Distributions, missing values, target rates and scatter plots come from the exercise's
reference solution (m02-eda); here: the correlation heat map, box plots of the outliers,
numeric columns split by a 0/1 target, and the bias chart. Each function returns a
matplotlib Figure; `to_png` renders one to PNG bytes and closes it.
"""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "DPI",
    "bias_chart",
    "box_plots",
    "by_target_class",
    "correlation_heatmap",
    "discrete_counts",
    "to_png",
]

DPI = 100
BLUE, ORANGE, GREY = "#4C72B0", "#DD8452", "#8C8C8C"


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def to_png(fig: Any) -> bytes:
    """The figure as PNG bytes; the figure is closed."""
    plt = _pyplot()
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=DPI)
    finally:
        plt.close(fig)
    return buffer.getvalue()


def correlation_heatmap(corr: pd.DataFrame, title: str = "Pearson correlations") -> Any:
    """A diverging heat map of a correlation matrix, each cell annotated with its value."""
    plt = _pyplot()
    n = len(corr)
    size = max(4.0, 0.55 * n + 1.8)
    fig, ax = plt.subplots(figsize=(size + 1.0, size))
    image = ax.imshow(corr.to_numpy(), cmap="RdBu_r", vmin=-1.0, vmax=1.0)
    labels = [str(c) for c in corr.columns]
    ax.set_xticks(range(n), labels, rotation=45, ha="right")
    ax.set_yticks(range(n), labels)
    for i in range(n):
        for j in range(n):
            value = corr.iat[i, j]
            if np.isfinite(value):
                colour = "white" if abs(value) > 0.6 else "black"
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8, color=colour)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="correlation")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def discrete_counts(series: pd.Series) -> Any:
    """Bars of counts for a numeric column with few distinct values, in the values' order.

    A histogram of 0/1 or of a 1-10 grade draws empty bins between the values; one bar per
    value, in order, reads better (bars by frequency would shuffle the values).
    """
    plt = _pyplot()
    name = str(series.name)
    counts = series.dropna().value_counts().sort_index()
    fig, ax = plt.subplots(figsize=(5.0, 3.2))
    labels = [f"{v:g}" if isinstance(v, float) else str(v) for v in counts.index]
    ax.bar(labels, counts.to_numpy(), color=BLUE)
    ax.set(title=f"Counts of {name}", xlabel=name, ylabel="count")
    fig.tight_layout()
    return fig


def box_plots(df: pd.DataFrame, outliers: pd.DataFrame) -> Any:
    """One box plot per column of `outliers` (own scale each), titled with its outlier count."""
    plt = _pyplot()
    columns = list(outliers.index)
    cols = min(len(columns), 4)
    rows = math.ceil(len(columns) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.0 * cols, 2.8 * rows), squeeze=False)
    for ax, name in zip(axes.flat, columns, strict=False):
        values = df[name].dropna()
        ax.boxplot(values, whis=1.5, widths=0.5, flierprops={"markersize": 3, "alpha": 0.4})
        ax.set_xticks([1], [name])
        count = int(outliers.loc[name, "outliers"])
        ax.set_title(f"{count} outlier{'s' if count != 1 else ''}", fontsize=10)
    for ax in axes.flat[len(columns) :]:
        ax.set_axis_off()
    fig.suptitle("Box plots: whiskers at 1.5 IQR, points beyond them are outliers")
    fig.tight_layout()
    return fig


def by_target_class(df: pd.DataFrame, column: str, target: str, bins: int = 30) -> Any:
    """Histograms of `column` for each class of a 0/1 target, on shared bins, as densities."""
    plt = _pyplot()
    data = df[[column, target]].dropna()
    edges = np.histogram_bin_edges(data[column], bins=bins)
    fig, ax = plt.subplots(figsize=(5.0, 3.2))
    for value, colour in zip(sorted(data[target].unique()), (GREY, BLUE), strict=False):
        part = data.loc[data[target] == value, column]
        ax.hist(
            part,
            bins=edges,
            density=True,
            histtype="stepfilled",
            alpha=0.45,
            color=colour,
            label=f"{target} = {value} (n={len(part)})",
        )
    ax.set_xlabel(column)
    ax.set_ylabel("density")
    ax.set_title(f"{column} by {target}")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def bias_chart(
    table: pd.DataFrame,
    attribute: str,
    columns: dict[str, str],
    title: str,
    *,
    ylabel: str = "rate",
    four_fifths: bool = True,
) -> Any:
    """Grouped bars: per group of `attribute`, one bar per column of `table` (column -> legend).

    Values are shares (labelled as percents). With `four_fifths`, a dotted line marks 0.8
    times the highest bar of the first column: groups below it fail the four-fifths rule of
    thumb (for rates where higher is better).
    """
    plt = _pyplot()
    from matplotlib.ticker import PercentFormatter

    groups = [str(g) for g in table.index]
    x = np.arange(len(groups))
    width = 0.8 / len(columns)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.1 * len(groups) + 2.5), 3.8))
    colours = [BLUE, ORANGE, GREY, "#55A868"]
    for i, (name, label) in enumerate(columns.items()):
        values = table[name].to_numpy(dtype=float)
        offset = (i - (len(columns) - 1) / 2) * width
        bars = ax.bar(x + offset, values, width, label=label, color=colours[i % len(colours)])
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in values], fontsize=7, padding=1)
    top = float(table[list(columns)].max().max())
    if four_fifths:
        first = next(iter(columns))
        ax.axhline(
            0.8 * float(table[first].max()),
            color="black",
            linestyle=":",
            linewidth=1,
            label=f"4/5 of the highest {columns[first]} rate",
        )
        top = max(top, 1.0 / 1.15)
    ax.set_xticks(x, groups)
    ax.set_xlabel(attribute)
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylim(0, top * 1.15)
    ax.set_title(title)
    ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    fig.tight_layout()
    return fig
