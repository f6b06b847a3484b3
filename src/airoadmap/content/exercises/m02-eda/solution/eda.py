"""Exploratory data analysis: the statistics and the figures of an EDA report (m02-eda).

Every function works on any data frame: the same code profiles Titanic and Ames
(`airoadmap run m02-eda` builds both reports with it).

Why it is right:
- Missing values are counted with `isna`, which knows every pandas missing marker (NaN,
  None, NaT, pd.NA); percentages are of all rows, so columns compare.
- Outliers use Tukey's fences on pandas' default (linear) quartiles: unlike mean +- k std,
  they are not dragged by the outliers they look for. A missing value is not an outlier.
- Cramér's V divides chi-square by its largest possible value, n * (min(rows, cols) - 1),
  so 0 means independent and 1 means one variable determines the other. Yates' correction
  is left out: it is a p-value adjustment for 2 x 2 tables, not part of the effect size.
- The two-group test puts the groups in sorted order, so the statistic's sign is defined;
  Welch's t-test does not assume equal variances (Student's does, and is wrong when the
  groups differ in size and spread); Mann-Whitney compares ranks and suits skewed data.
- The disparity ratio is lowest rate / highest rate: 1 is parity, and the "four-fifths
  rule" flags values under 0.8. A ratio, unlike a difference, reads the same whether the
  rates are small or large.
- Each plot makes its own Figure with plt.subplots() and returns it without showing it: the
  caller decides whether to save, embed or show, and figures never draw over each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy import stats

__all__ = [
    "cramers_v",
    "disparity_ratio",
    "group_rates",
    "iqr_outliers",
    "missing_summary",
    "plot_distribution",
    "plot_missing",
    "plot_scatter",
    "plot_target_rate",
    "two_group_test",
]

ArrayLike: TypeAlias = Sequence[Any] | np.ndarray | pd.Series

# -- statistics --------------------------------------------------------------------------------


def missing_summary(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values per column: `n_missing` (int) and `pct_missing` (percent of all rows).

    Only columns with at least one missing value appear, indexed by column name, most missing
    first (ties keep the frame's column order).
    """
    counts = df.isna().sum()
    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    pct = 100.0 * counts / max(len(df), 1)
    return pd.DataFrame({"n_missing": counts.astype(int), "pct_missing": pct.astype(float)})


def iqr_outliers(series: pd.Series, k: float = 1.5) -> pd.Series:
    """True where a value lies strictly outside [Q1 - k * IQR, Q3 + k * IQR] (Tukey's fences).

    Quartiles are pandas' defaults (linear interpolation, missing values skipped); a missing
    value is never an outlier. The result has the series' index.
    """
    q1, q3 = series.quantile([0.25, 0.75])
    iqr = q3 - q1
    low, high = q1 - k * iqr, q3 + k * iqr
    return ((series < low) | (series > high)).fillna(False).astype(bool)


def _pairs(x: ArrayLike, y: ArrayLike) -> pd.DataFrame:
    """Two aligned (position by position) inputs as columns, rows with a missing value dropped."""
    a, b = np.asarray(x, dtype=object), np.asarray(y, dtype=object)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"expected two 1-D inputs of the same length, got {a.shape} and {b.shape}")
    return pd.DataFrame({"x": a, "y": b}).dropna()


def cramers_v(x: ArrayLike, y: ArrayLike) -> float:
    """Cramér's V between two categorical variables: 0 = independent, 1 = fully associated.

    V = sqrt(chi2 / (n * (min(r, c) - 1))), with chi2 the chi-square statistic of the r x c
    contingency table (no Yates correction) and n its total. Pairs with a missing value are
    dropped. Raises ValueError when either variable has fewer than two categories.
    """
    pairs = _pairs(x, y)
    table = pd.crosstab(pairs["x"], pairs["y"])
    if min(table.shape) < 2:
        raise ValueError(
            f"Cramér's V needs at least two categories in each variable, got a {table.shape[0]}"
            f" x {table.shape[1]} table"
        )
    chi2 = stats.chi2_contingency(table.to_numpy(), correction=False).statistic
    n = table.to_numpy().sum()
    return float(np.sqrt(chi2 / (n * (min(table.shape) - 1))))


def two_group_test(
    values: ArrayLike, groups: ArrayLike, method: str = "welch"
) -> tuple[float, float]:
    """Compare `values` between the two groups of `groups`: (statistic, two-sided p-value).

    The groups are taken in sorted order: a = the smaller label, b = the other. "welch":
    Welch's t-test (scipy.stats.ttest_ind(a, b, equal_var=False)); "mannwhitney": the
    Mann-Whitney U test (scipy.stats.mannwhitneyu(a, b, alternative="two-sided")), U of a.
    Rows with a missing value or group are dropped. Raises ValueError unless there are
    exactly two groups, or for an unknown method.
    """
    if method not in ("welch", "mannwhitney"):
        raise ValueError(f"method must be 'welch' or 'mannwhitney', got {method!r}")
    pairs = _pairs(values, groups)
    labels = sorted(pairs["y"].unique())
    if len(labels) != 2:
        raise ValueError(f"expected exactly two groups, got {len(labels)}: {labels[:5]}")
    a = pairs.loc[pairs["y"] == labels[0], "x"].to_numpy(dtype=float)
    b = pairs.loc[pairs["y"] == labels[1], "x"].to_numpy(dtype=float)
    if method == "welch":
        result = stats.ttest_ind(a, b, equal_var=False)
    else:
        result = stats.mannwhitneyu(a, b, alternative="two-sided")
    return float(result.statistic), float(result.pvalue)


def group_rates(outcome: ArrayLike, groups: ArrayLike) -> pd.Series:
    """Mean of `outcome` (0/1: the rate of 1s) per group, indexed by group label in sorted order.

    Rows with a missing outcome or group are dropped.
    """
    pairs = _pairs(outcome, groups)
    rates = pairs["x"].astype(float).groupby(pairs["y"], sort=True).mean()
    rates.index.name = None
    return rates.rename("rate")


def disparity_ratio(outcome: ArrayLike, groups: ArrayLike) -> float:
    """Lowest group rate / highest group rate (1.0 = parity; under 0.8 fails the 4/5 rule).

    1.0 when every rate is 0. Raises ValueError with fewer than two groups.
    """
    rates = group_rates(outcome, groups)
    if len(rates) < 2:
        raise ValueError(f"a disparity needs at least two groups, got {len(rates)}")
    highest = float(rates.max())
    return 1.0 if highest == 0.0 else float(rates.min()) / highest


# -- figures -----------------------------------------------------------------------------------


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def plot_distribution(series: pd.Series, bins: int = 20, max_categories: int = 10) -> Figure:
    """A histogram (numeric series, `bins` bins) or a bar chart of counts (any other series).

    The bar chart has one bar per category, for the `max_categories` most frequent ones, most
    frequent first; horizontal bars when the labels are too long to stand side by side. Missing
    values are left out. The values' axis is labelled with the series' name, the other "count".
    """
    name = str(series.name) if series.name is not None else "value"
    values = series.dropna()
    if _is_numeric(series):
        fig, ax = plt.subplots(figsize=(5.0, 3.2))
        ax.hist(values, bins=bins, color="#4C72B0", edgecolor="white")
        ax.set(title=f"Distribution of {name}", xlabel=name, ylabel="count")
        fig.tight_layout()
        return fig
    counts = values.value_counts()
    shown = counts.head(max_categories)
    labels = [str(c) for c in shown.index]
    more = f"\n(top {len(shown)} of {len(counts)})" if len(counts) > len(shown) else ""
    if sum(len(label) + 2 for label in labels) <= 48:  # the labels fit side by side
        fig, ax = plt.subplots(figsize=(5.0, 3.2))
        ax.bar(labels, shown.to_numpy(), color="#4C72B0")
        ax.set(xlabel=name, ylabel="count")
    else:  # horizontal bars keep long labels readable; the most frequent on top
        fig, ax = plt.subplots(figsize=(6.0, max(2.4, 0.3 * len(labels) + 1.2)))
        ax.barh(labels[::-1], shown.to_numpy()[::-1], color="#4C72B0")
        ax.set(xlabel="count", ylabel=name)
    ax.set_title(f"Counts of {name}{more}")
    fig.tight_layout()
    return fig


def plot_missing(df: pd.DataFrame) -> Figure:
    """Horizontal bars: percent of rows missing, one bar per column that has missing values.

    The column with the most missing values is at the top; each bar is labelled with its
    value, so that a column with very few missing values still shows. A frame without
    missing values gives a figure without bars, titled so.
    """
    summary = missing_summary(df)
    height = max(2.5, 0.28 * len(summary) + 1.2)
    fig, ax = plt.subplots(figsize=(6.0, height))
    if summary.empty:
        ax.set_title(f"No missing values in {len(df)} rows")
        ax.set_axis_off()
    else:
        ordered = summary.iloc[::-1]  # barh draws bottom up: the largest ends on top
        pct = ordered["pct_missing"].to_numpy()
        bars = ax.barh([str(c) for c in ordered.index], pct, color="#C44E52")
        ax.bar_label(
            bars,
            labels=[f"{v:.1f}%" if v >= 0.1 else f"{v:.2f}%" for v in pct],
            padding=2,
            fontsize=8,
        )
        ax.set_xlim(0, 115)  # room for the labels of the longest bars
        ax.set_xticks(range(0, 101, 20))
        ax.set_xlabel("% of rows missing")
        ax.set_ylabel("column")
        ax.set_title(f"Missing values ({len(summary)} of {df.shape[1]} columns, {len(df)} rows)")
    fig.tight_layout()
    return fig


def plot_target_rate(df: pd.DataFrame, column: str, target: str) -> Figure:
    """Bars: the mean of `target` per category of `column` (sorted labels, missing left out),
    with a dashed horizontal line at the mean of `target` over all rows.
    """
    rates = df.groupby(column, sort=True)[target].mean()  # groupby drops missing keys
    overall = float(df[target].mean())
    labels = [str(c) for c in rates.index]
    crowded = sum(len(label) + 2 for label in labels) > 48  # labels do not fit side by side
    fig, ax = plt.subplots(figsize=(max(5.0, 0.3 * len(labels) + 1.5) if crowded else 5.0, 3.4))
    ax.bar(labels, rates.to_numpy(), color="#55A868")
    shown = f"{overall:,.0f}" if abs(overall) >= 1000 else f"{overall:.3g}"
    ax.axhline(overall, color="black", linestyle="--", linewidth=1, label=f"all rows: {shown}")
    ax.set_xlabel(column)
    ax.set_ylabel(f"mean of {target}")
    ax.set_title(f"{target} by {column}")
    ax.legend(loc="best", fontsize="small")
    if crowded:
        ax.tick_params(axis="x", labelrotation=60)
        plt.setp(ax.get_xticklabels(), ha="right", rotation_mode="anchor")
    fig.tight_layout()
    return fig


def plot_scatter(df: pd.DataFrame, x: str, y: str) -> Figure:
    """A scatter plot of `y` against `x`, one point per row where both are present."""
    pairs = df[[x, y]].dropna()
    fig, ax = plt.subplots(figsize=(5.0, 3.6))
    ax.scatter(pairs[x], pairs[y], s=8, alpha=0.4, color="#4C72B0", edgecolors="none")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(f"{y} against {x} ({len(pairs)} rows)")
    fig.tight_layout()
    return fig
