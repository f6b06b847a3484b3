"""Correct, written differently: one column at a time, ECDFs by np.searchsorted, the
contingency table by pandas, Benjamini-Hochberg by a loop from the largest p-value down.

File: drift.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats

FLOOR = 1e-4


def _columns(reference: ArrayLike, current: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    ref, cur = np.asarray(reference, dtype=float), np.asarray(current, dtype=float)
    if ref.ndim != 2 or cur.ndim != 2:
        raise ValueError("the samples must be 2-D arrays: rows x columns")
    if np.isnan(ref).any() or np.isnan(cur).any():
        raise ValueError("a sample holds NaN: drop or impute missing values first")
    if ref.shape[1] != cur.shape[1]:
        raise ValueError(f"the samples have {ref.shape[1]} and {cur.shape[1]} columns")
    return ref, cur


def _ks_one(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    a, b = np.sort(a), np.sort(b)
    points = np.concatenate([a, b])
    cdf_a = np.searchsorted(a, points, side="right") / len(a)
    cdf_b = np.searchsorted(b, points, side="right") / len(b)
    d = float(np.max(np.abs(cdf_a - cdf_b)))
    size = round(len(a) * len(b) / (len(a) + len(b)))
    return d, float(stats.kstwo.sf(d, size))


def ks_test(reference: ArrayLike, current: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """KS statistic and asymptotic p-value of each column."""
    ref, cur = _columns(reference, current)
    pairs = [_ks_one(ref[:, j], cur[:, j]) for j in range(ref.shape[1])]
    return np.array([d for d, _ in pairs]), np.array([p for _, p in pairs])


def chi2_test(reference: ArrayLike, current: ArrayLike) -> tuple[float, float, int]:
    """Chi-square test of homogeneity, no continuity correction."""
    values = np.concatenate([np.asarray(reference), np.asarray(current)])
    side = np.repeat(["reference", "current"], [len(reference), len(current)])  # type: ignore[arg-type]
    observed = pd.crosstab(side, values).to_numpy(dtype=float)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    statistic = float(((observed - expected) ** 2 / expected).sum())
    dof = observed.shape[1] - 1
    return statistic, float(stats.chi2.sf(statistic, dof)), dof


def psi(reference: ArrayLike, current: ArrayLike, bins: int = 10) -> np.ndarray:
    """PSI of each column on quantile bins of the reference."""
    if bins < 2:
        raise ValueError("psi needs bins >= 2")
    ref, cur = _columns(reference, current)
    out = []
    for j in range(ref.shape[1]):
        inner = np.quantile(ref[:, j], np.linspace(0, 1, bins + 1)[1:-1])
        r = np.maximum(np.bincount(np.digitize(ref[:, j], inner), minlength=bins) / len(ref), FLOOR)
        c = np.maximum(np.bincount(np.digitize(cur[:, j], inner), minlength=bins) / len(cur), FLOOR)
        out.append(float(np.sum((c - r) * np.log(c / r))))
    return np.array(out)


def adjust(pvalues: ArrayLike, method: str = "bh") -> np.ndarray:
    """Bonferroni or Benjamini-Hochberg adjusted p-values."""
    p = np.asarray(pvalues, dtype=float)
    m = len(p)
    if method == "bonferroni":
        return np.clip(p * m, 0.0, 1.0)
    if method != "bh":
        raise ValueError(f"unknown correction {method!r}")
    order = np.argsort(p)[::-1]
    out = np.empty(m)
    best = 1.0
    for position, index in enumerate(order):
        rank = m - position
        best = min(best, p[index] * m / rank)
        out[index] = best
    return out


def drift_report(
    reference: pd.DataFrame,
    current: pd.DataFrame,
    *,
    alpha: float = 0.05,
    correction: str = "bh",
    bins: int = 10,
) -> pd.DataFrame:
    """One row per column: kind, test, statistic, p_value, p_adjusted, psi, drifted."""
    rows = []
    for name in reference.columns:
        column = reference[name]
        if pd.api.types.is_numeric_dtype(column) and column.dtype != bool:
            ref, cur = column.to_numpy(float)[:, None], current[name].to_numpy(float)[:, None]
            d, p = _ks_one(ref[:, 0], cur[:, 0])
            index = float(psi(ref, cur, bins)[0])
            rows.append((name, "numeric", "ks", d, p, index))
        else:
            statistic, p, _ = chi2_test(column.to_numpy(), current[name].to_numpy())
            rows.append((name, "categorical", "chi2", statistic, p, float("nan")))
    report = pd.DataFrame(rows, columns=["column", "kind", "test", "statistic", "p_value", "psi"])
    report = report.set_index("column")
    report["p_adjusted"] = adjust(report["p_value"].to_numpy(), correction)
    report["drifted"] = report["p_adjusted"] < alpha
    return report
