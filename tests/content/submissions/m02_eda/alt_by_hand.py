"""Correct, by hand: the statistics from their formulas (NumPy, scipy's distributions only),
the figures with pyplot's state API (plt.figure, plt.hist, ...), returning plt.gcf()."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.stats import norm, t


def missing_summary(df):
    rows = []
    for name in df.columns:
        n = int(df[name].isna().sum())
        if n:
            rows.append((name, n, n / len(df) * 100))
    rows.sort(key=lambda r: -r[1])  # sorted() is stable: ties keep the column order
    out = pd.DataFrame(rows, columns=["column", "n_missing", "pct_missing"]).set_index("column")
    out.index.name = None
    return out.astype({"n_missing": "int64", "pct_missing": "float64"})


def _quantile(sorted_values, q):
    pos = q * (len(sorted_values) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (pos - lo) * (sorted_values[hi] - sorted_values[lo])


def iqr_outliers(series, k=1.5):
    present = sorted(v for v in series if not pd.isna(v))
    q1, q3 = _quantile(present, 0.25), _quantile(present, 0.75)
    low, high = q1 - k * (q3 - q1), q3 + k * (q3 - q1)
    return pd.Series(
        [not pd.isna(v) and (v < low or v > high) for v in series], index=series.index, dtype=bool
    )


def _clean_pairs(x, y):
    return [(a, b) for a, b in zip(x, y, strict=True) if not pd.isna(a) and not pd.isna(b)]


def cramers_v(x, y):
    pairs = _clean_pairs(x, y)
    rows = sorted({a for a, _ in pairs}, key=str)
    cols = sorted({b for _, b in pairs}, key=str)
    if len(rows) < 2 or len(cols) < 2:
        raise ValueError("Cramér's V needs two categories in each variable")
    table = np.zeros((len(rows), len(cols)))
    for a, b in pairs:
        table[rows.index(a), cols.index(b)] += 1
    n = table.sum()
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    chi2 = ((table - expected) ** 2 / expected).sum()
    return math.sqrt(chi2 / (n * (min(table.shape) - 1)))


def _ranks(values):
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    sorted_vals = values[order]
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and sorted_vals[j + 1] == sorted_vals[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def two_group_test(values, groups, method="welch"):
    if method not in ("welch", "mannwhitney"):
        raise ValueError(f"unknown method {method!r}")
    pairs = _clean_pairs(values, groups)
    labels = sorted({g for _, g in pairs})
    if len(labels) != 2:
        raise ValueError("exactly two groups are needed")
    a = np.array([v for v, g in pairs if g == labels[0]], dtype=float)
    b = np.array([v for v, g in pairs if g == labels[1]], dtype=float)
    n1, n2 = len(a), len(b)
    if method == "welch":
        va, vb = a.var(ddof=1) / n1, b.var(ddof=1) / n2
        stat = (a.mean() - b.mean()) / math.sqrt(va + vb)
        dof = (va + vb) ** 2 / (va**2 / (n1 - 1) + vb**2 / (n2 - 1))
        return float(stat), float(2 * t.sf(abs(stat), dof))
    both = np.concatenate([a, b])
    ranks = _ranks(both)
    u = ranks[:n1].sum() - n1 * (n1 + 1) / 2
    _, counts = np.unique(both, return_counts=True)
    n = n1 + n2
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - (counts**3 - counts).sum() / (n * (n - 1))))
    z = (abs(u - n1 * n2 / 2) - 0.5) / sigma  # continuity correction, as scipy
    return float(u), float(min(1.0, 2 * norm.sf(z)))


def group_rates(outcome, groups):
    sums: dict = {}
    for value, group in _clean_pairs(outcome, groups):
        total, count = sums.get(group, (0.0, 0))
        sums[group] = (total + float(value), count + 1)
    labels = sorted(sums)
    return pd.Series([sums[g][0] / sums[g][1] for g in labels], index=labels)


def disparity_ratio(outcome, groups):
    rates = list(group_rates(outcome, groups))
    if len(rates) < 2:
        raise ValueError("need two groups")
    return 1.0 if max(rates) == 0 else min(rates) / max(rates)


def plot_distribution(series, bins=20, max_categories=10):
    plt.figure()
    name = series.name
    if series.dtype.kind in "iuf":
        plt.hist(series.dropna(), bins=bins)
    else:
        counts = series.value_counts().head(max_categories)
        plt.bar(range(len(counts)), counts.to_numpy())
        plt.xticks(range(len(counts)), [str(c) for c in counts.index])
    plt.xlabel(name)
    plt.ylabel("frequency")
    plt.title(f"{name}")
    return plt.gcf()


def plot_missing(df):
    plt.figure()
    summary = missing_summary(df)
    if len(summary):
        plt.bar(list(map(str, summary.index)), summary["pct_missing"])
        plt.ylabel("percent missing")
        plt.xlabel("column")
        plt.title("Missing values by column")
    else:
        plt.title("Nothing is missing")
    return plt.gcf()


def plot_target_rate(df, column, target):
    plt.figure()
    rates = group_rates(df[target], df[column])
    plt.bar([str(c) for c in rates.index], rates.to_numpy())
    plt.axhline(df[target].mean(), color="red")
    plt.xlabel(column)
    plt.ylabel(f"{target} rate")
    plt.title(f"Rate of {target}")
    return plt.gcf()


def plot_scatter(df, x, y):
    plt.figure()
    keep = df[x].notna() & df[y].notna()
    plt.plot(df.loc[keep, x], df.loc[keep, y], "o", alpha=0.5)
    plt.xlabel(x)
    plt.ylabel(y)
    plt.title("scatter")
    return plt.gcf()
