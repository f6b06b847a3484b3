"""Correct, with pandas and its plotting API: scipy's association and tests, Series.plot.*."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats.contingency import association


def missing_summary(df):
    share = df.isna().mean() * 100
    counts = df.isna().sum()
    out = pd.DataFrame({"n_missing": counts, "pct_missing": share})
    out = out[out["n_missing"] > 0]
    return out.sort_values("n_missing", ascending=False, kind="mergesort")


def iqr_outliers(series, k=1.5):
    q1, q3 = np.nanpercentile(series.to_numpy(dtype=float), [25, 75])
    return ~series.between(q1 - k * (q3 - q1), q3 + k * (q3 - q1)) & series.notna()


def cramers_v(x, y):
    frame = pd.DataFrame({"x": list(x), "y": list(y)})
    table = pd.crosstab(frame["x"], frame["y"])  # crosstab leaves missing values out
    if table.shape[0] < 2 or table.shape[1] < 2:
        raise ValueError("both variables need at least two categories")
    return float(association(table.to_numpy(), method="cramer"))


def two_group_test(values, groups, method="welch"):
    frame = pd.DataFrame({"v": list(values), "g": list(groups)}).dropna()
    parts = {g: s.to_numpy(dtype=float) for g, s in frame.groupby("g")["v"]}  # sorted keys
    if len(parts) != 2:
        raise ValueError(f"need two groups, got {len(parts)}")
    a, b = parts.values()
    tests = {
        "welch": lambda: stats.ttest_ind(a, b, equal_var=False),
        "mannwhitney": lambda: stats.mannwhitneyu(a, b),
    }
    if method not in tests:
        raise ValueError(f"unknown method {method!r}")
    result = tests[method]()
    return result.statistic.item(), result.pvalue.item()


def group_rates(outcome, groups):
    frame = pd.DataFrame({"o": list(outcome), "g": list(groups)}).dropna()
    return frame.groupby("g")["o"].mean()


def disparity_ratio(outcome, groups):
    rates = group_rates(outcome, groups)
    if rates.size < 2:
        raise ValueError("need two groups")
    return float(rates.min() / rates.max()) if rates.max() else 1.0


def plot_distribution(series, bins=20, max_categories=10):
    fig, ax = plt.subplots()
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        series.value_counts().head(max_categories).plot.barh(ax=ax)
        ax.set_xlabel("count")
        ax.set_ylabel(series.name)
    else:
        series.plot.hist(ax=ax, bins=bins)
        ax.set_xlabel(series.name)
        ax.set_ylabel("count")
    ax.set_title(f"{series.name}: distribution")
    return fig


def plot_missing(df):
    fig, ax = plt.subplots()
    summary = missing_summary(df)
    fig.suptitle("Missing values")
    if len(summary):
        summary["pct_missing"].plot.bar(ax=ax, ylabel="% missing", xlabel="column")
        ax.set_title("share of rows")
    return fig


def plot_target_rate(df, column, target):
    fig, ax = plt.subplots()
    df.groupby(column)[target].mean().plot.bar(ax=ax, rot=0)
    ax.axhline(df[target].mean(), linestyle=":", color="k")
    ax.set_ylabel(f"share {target}")
    ax.set_title(f"{target} by {column}")
    return fig


def plot_scatter(df, x, y):
    fig, ax = plt.subplots()
    df.plot.scatter(x=x, y=y, ax=ax)
    ax.set_title(f"{x} vs {y}")
    return fig
