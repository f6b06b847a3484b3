"""Data drift tests per column, vectorised with NumPy and SciPy's distributions.

A reference sample (the training data) and a current sample (this week's traffic) are
compared column by column: the Kolmogorov-Smirnov test for numeric columns, the chi-square
test of homogeneity for categorical ones, the population stability index (PSI) as an effect
size, and a correction for testing many columns at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.stats import chi2, kstwo

PSI_FLOOR = 1e-4  # a bin's share below this counts as this: ln(0) has no value
METHODS = ("bonferroni", "bh")


def _matrix(values: ArrayLike, what: str) -> np.ndarray:
    """`values` as a 2-D float array (rows x columns) without missing values."""
    array = np.asarray(values, dtype=float)
    if array.ndim != 2:
        raise ValueError(f"{what} must be a 2-D array (rows x columns), got shape {array.shape}")
    if np.isnan(array).any():
        raise ValueError(f"{what} holds NaN: drop or impute missing values before testing")
    return array


def _pair(reference: ArrayLike, current: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    ref, cur = _matrix(reference, "reference"), _matrix(current, "current")
    if ref.shape[1] != cur.shape[1]:
        raise ValueError(
            f"reference has {ref.shape[1]} columns and current {cur.shape[1]}: "
            "compare the same columns"
        )
    return ref, cur


def ks_test(reference: ArrayLike, current: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Two-sample Kolmogorov-Smirnov test of every column: (statistics, p-values).

    The statistic is the largest gap between the two empirical CDFs; the p-value is the
    asymptotic one, Kolmogorov's distribution of D for n * m / (n + m) observations.
    """
    ref, cur = _pair(reference, current)
    n, m = len(ref), len(cur)
    pooled = np.vstack([ref, cur])
    order = np.argsort(pooled, axis=0)
    values = np.take_along_axis(pooled, order, axis=0)
    from_ref = order < n
    gap = np.cumsum(from_ref, axis=0) / n - np.cumsum(~from_ref, axis=0) / m
    # Within a run of equal values the CDFs jump together: read the gap at the run's end.
    run_end = np.vstack([values[1:] != values[:-1], np.ones((1, values.shape[1]), dtype=bool)])
    statistic = np.max(np.abs(gap) * run_end, axis=0)
    pvalue = kstwo.sf(statistic, np.round(n * m / (n + m)))
    return statistic, np.clip(pvalue, 0.0, 1.0)


def chi2_test(reference: ArrayLike, current: ArrayLike) -> tuple[float, float, int]:
    """Chi-square test that one categorical column has the same category shares in both
    samples (no continuity correction): (statistic, p-value, degrees of freedom)."""
    ref, cur = np.asarray(reference), np.asarray(current)
    categories, codes = np.unique(np.concatenate([ref, cur]), return_inverse=True)
    table = np.stack(
        [
            np.bincount(codes[: len(ref)], minlength=len(categories)),
            np.bincount(codes[len(ref) :], minlength=len(categories)),
        ]
    ).astype(float)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0) / table.sum()
    statistic = float(np.sum((table - expected) ** 2 / expected))
    dof = len(categories) - 1
    return statistic, float(chi2.sf(statistic, dof)), dof


def psi(reference: ArrayLike, current: ArrayLike, bins: int = 10) -> np.ndarray:
    """Population stability index of every column, on `bins` quantile bins of the reference.

    PSI = sum over bins of (current share - reference share) * ln(current / reference);
    a value equal to an edge falls in the bin above; a share of 0 counts as PSI_FLOOR.
    """
    if bins < 2:
        raise ValueError(f"bins={bins}: PSI needs at least 2 bins")
    ref, cur = _pair(reference, current)
    edges = np.quantile(ref, np.arange(1, bins) / bins, axis=0)  # (bins - 1, columns)
    result = np.empty(ref.shape[1])
    for column in range(ref.shape[1]):
        cut = edges[:, column]
        ref_share = np.bincount(
            np.searchsorted(cut, ref[:, column], side="right"), minlength=bins
        ) / len(ref)
        cur_share = np.bincount(
            np.searchsorted(cut, cur[:, column], side="right"), minlength=bins
        ) / len(cur)
        ref_share, cur_share = np.maximum(ref_share, PSI_FLOOR), np.maximum(cur_share, PSI_FLOOR)
        result[column] = np.sum((cur_share - ref_share) * np.log(cur_share / ref_share))
    return result


def adjust(pvalues: ArrayLike, method: str = "bh") -> np.ndarray:
    """P-values adjusted for testing them all: "bonferroni" (times the number of tests) or
    "bh" (Benjamini-Hochberg, controls the false discovery rate); capped at 1."""
    if method not in METHODS:
        raise ValueError(f"method={method!r} is unknown: use one of {', '.join(METHODS)}")
    p = np.asarray(pvalues, dtype=float)
    m = len(p)
    if method == "bonferroni":
        return np.minimum(p * m, 1.0)
    order = np.argsort(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    running_min = np.minimum.accumulate(scaled[::-1])[::-1]
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(running_min, 1.0)
    return adjusted


def drift_report(
    reference: pd.DataFrame,
    current: pd.DataFrame,
    *,
    alpha: float = 0.05,
    correction: str = "bh",
    bins: int = 10,
) -> pd.DataFrame:
    """One row per column of `reference` (index: the column names, in order) with
    kind ("numeric" or "categorical"), test ("ks" or "chi2"), statistic, p_value,
    p_adjusted (over all columns), psi (numeric columns; NaN for categorical ones) and
    drifted (p_adjusted < alpha)."""
    numeric = [
        c
        for c in reference.columns
        if pd.api.types.is_numeric_dtype(reference[c])
        and not pd.api.types.is_bool_dtype(reference[c])
    ]
    report = pd.DataFrame(
        index=pd.Index(reference.columns, name="column"),
        columns=["kind", "test", "statistic", "p_value", "psi"],
    )
    if numeric:
        ref, cur = reference[numeric].to_numpy(float), current[numeric].to_numpy(float)
        statistic, pvalue = ks_test(ref, cur)
        report.loc[numeric, "kind"], report.loc[numeric, "test"] = "numeric", "ks"
        report.loc[numeric, "statistic"], report.loc[numeric, "p_value"] = statistic, pvalue
        report.loc[numeric, "psi"] = psi(ref, cur, bins)
    for column in reference.columns.difference(numeric, sort=False):
        statistic_c, pvalue_c, _ = chi2_test(
            reference[column].to_numpy(), current[column].to_numpy()
        )
        report.loc[column] = ["categorical", "chi2", statistic_c, pvalue_c, np.nan]
    report = report.astype({"statistic": float, "p_value": float, "psi": float})
    report["p_adjusted"] = adjust(report["p_value"].to_numpy(), correction)
    report["drifted"] = report["p_adjusted"] < alpha
    return report


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    reference = pd.DataFrame(
        {"age": rng.normal(40, 10, 5000), "plan": rng.choice(list("abc"), 5000)}
    )
    current = pd.DataFrame({"age": rng.normal(42, 10, 5000), "plan": rng.choice(list("abc"), 5000)})
    print(drift_report(reference, current))
