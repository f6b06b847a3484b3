"""The numbers of an EDA report: overview, column profile, outliers, associations, tests.

Missing values, IQR outliers, Cramér's V and the two-group tests come from the exercise's
reference solution (m02-eda); the rest uses pandas and scipy.stats. Each hypothesis test
comes back with an effect size and a plain-words interpretation: a p-value alone says
whether a difference is likely chance, not whether it matters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.lab.eda._solution import eda
from airoadmap.lab.eda.config import Hypothesis

__all__ = [
    "HypothesisResult",
    "column_table",
    "correlation_matrix",
    "format_p",
    "is_numeric",
    "numeric_summary",
    "outlier_table",
    "overview",
    "run_test",
    "target_associations",
]


def is_numeric(series: pd.Series) -> bool:
    """Numbers (bool excluded: True/False are categories)."""
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_numeric_dtype(series):
        return "numeric"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    return "text / categorical"


def overview(df: pd.DataFrame) -> dict[str, Any]:
    """Shape, memory, duplicates, missing cells and the kinds of column."""
    kinds = pd.Series([_kind(df[c]) for c in df.columns]).value_counts()
    cells = df.shape[0] * df.shape[1]
    missing = int(df.isna().sum().sum())
    return {
        "rows": int(df.shape[0]),
        "columns": int(df.shape[1]),
        "memory_mb": float(df.memory_usage(deep=True).sum()) / 2**20,
        "duplicate_rows": int(df.duplicated().sum()),
        "missing_cells": missing,
        "missing_pct": 100.0 * missing / cells if cells else 0.0,
        "column_kinds": {str(k): int(v) for k, v in kinds.items()},
    }


def column_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per column: dtype, kind, non-missing count, % missing, distinct values, examples."""
    rows = []
    for name in df.columns:
        col = df[name]
        examples = ", ".join(str(v) for v in col.dropna().unique()[:3])
        rows.append(
            {
                "column": str(name),
                "dtype": str(col.dtype),
                "kind": _kind(col),
                "non_missing": int(col.notna().sum()),
                "missing_pct": 100.0 * float(col.isna().mean()) if len(col) else 0.0,
                "distinct": int(col.nunique()),
                "examples": examples[:60],
            }
        )
    return pd.DataFrame(rows).set_index("column")


def numeric_summary(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """count, mean, std, quartiles and skewness of the numeric `columns`."""
    numeric = [c for c in columns if is_numeric(df[c])]
    if not numeric:
        return pd.DataFrame()
    table = df[numeric].describe().T
    table["skew"] = df[numeric].skew()
    return table.rename(columns={"25%": "q1", "50%": "median", "75%": "q3"})


def outlier_table(df: pd.DataFrame, columns: list[str], k: float = 1.5) -> pd.DataFrame:
    """Tukey outliers per numeric column: how many, what share, and the fences."""
    rows = []
    for name in columns:
        col = df[name]
        if not is_numeric(col) or col.notna().sum() == 0:
            continue
        flags = eda().iqr_outliers(col, k=k)
        q1, q3 = col.quantile([0.25, 0.75])
        rows.append(
            {
                "column": name,
                "outliers": int(flags.sum()),
                "outliers_pct": 100.0 * float(flags.sum()) / max(int(col.notna().sum()), 1),
                "low_fence": float(q1 - k * (q3 - q1)),
                "high_fence": float(q3 + k * (q3 - q1)),
                "min": float(col.min()),
                "max": float(col.max()),
            }
        )
    return pd.DataFrame(rows).set_index("column") if rows else pd.DataFrame()


def correlation_matrix(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Pearson correlations between the numeric `columns` (pairwise complete rows)."""
    numeric = [c for c in columns if is_numeric(df[c]) and df[c].nunique() > 1]
    return df[numeric].corr()


def _eta(values: pd.Series, groups: pd.Series) -> float:
    """Correlation ratio: sqrt of the share of the variance of `values` explained by `groups`."""
    pairs = pd.DataFrame({"v": values, "g": groups}).dropna()
    total = float(((pairs["v"] - pairs["v"].mean()) ** 2).sum())
    if total == 0.0:
        return 0.0
    means = pairs.groupby("g")["v"].transform("mean")
    between = float(((means - pairs["v"].mean()) ** 2).sum())
    return float(np.sqrt(between / total))


def target_associations(
    df: pd.DataFrame, columns: list[str], target: str, task: str
) -> pd.DataFrame:
    """How strongly each column goes with the target, on a 0-1 scale, strongest first.

    Classification (0/1 target): numeric columns, |Pearson r| (point-biserial); categorical,
    Cramér's V. Regression: numeric, |Spearman rho|; categorical, the correlation ratio eta.
    """
    from scipy import stats

    rows = []
    y = df[target]
    for name in columns:
        col = df[name]
        if col.nunique() < 2:
            continue
        if is_numeric(col):
            pairs = pd.DataFrame({"x": col, "y": y}).dropna()
            if task == "classification":
                r = float(stats.pearsonr(pairs["x"], pairs["y"]).statistic)
                measure = "point-biserial r"
            else:
                r = float(stats.spearmanr(pairs["x"], pairs["y"]).statistic)
                measure = "Spearman rho"
            rows.append({"column": name, "measure": measure, "value": r, "strength": abs(r)})
        else:
            if task == "classification":
                value, measure = eda().cramers_v(col, y), "Cramér's V"
            else:
                value, measure = _eta(y, col), "correlation ratio eta"
            rows.append({"column": name, "measure": measure, "value": value, "strength": value})
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    return table.sort_values("strength", ascending=False).set_index("column")


# --- hypothesis tests ----------------------------------------------------------------------

_METHODS = {
    "chi2": "chi-square test of independence",
    "welch": "Welch's t-test",
    "mannwhitney": "Mann-Whitney U test",
    "kruskal": "Kruskal-Wallis H test",
    "spearman": "Spearman rank correlation test",
}


@dataclass(frozen=True)
class HypothesisResult:
    """One test's outcome, with what a reader needs to judge it."""

    question: str
    method: str
    statistic_name: str
    statistic: float
    p_value: float
    effect_name: str
    effect: float
    effect_size: str  # "negligible", "small", "medium", "large"
    n: int
    groups: str  # the descriptive numbers behind the test, in words
    interpretation: str
    significant: bool

    def metrics(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "method": self.method,
            self.statistic_name: self.statistic,
            "p_value": self.p_value,
            self.effect_name: self.effect,
            "significant": self.significant,
            "n": self.n,
        }


def _size(value: float, cuts: tuple[float, float, float]) -> str:
    """Conventional words for an effect size (Cohen's thresholds for its kind)."""
    small, medium, large = cuts
    v = abs(value)
    if v < small:
        return "negligible"
    if v < medium:
        return "small"
    return "medium" if v < large else "large"


EFFECT_LABELS = {
    "cramers_v": "Cramér's V",
    "cohens_d": "Cohen's d",
    "rank_biserial_r": "rank-biserial r",
    "epsilon_squared": "ε²",
    "rho": "Spearman's ρ",
}
_R_CUTS = (0.1, 0.3, 0.5)  # r, rho, Cramér's V (one degree of freedom), rank-biserial r
_D_CUTS = (0.2, 0.5, 0.8)  # Cohen's d
_ETA2_CUTS = (0.01, 0.06, 0.14)  # eta squared, epsilon squared


def _fmt(value: float) -> str:
    return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def format_p(p: float) -> str:
    """A p-value as text: '< 1e-300' when it underflowed to 0, else 2-3 significant digits."""
    return "< 1e-300" if p == 0.0 else (f"{p:.2g}" if p < 0.001 else f"{p:.3f}")


def _p(p: float) -> str:
    shown = format_p(p)
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"


def _chance(p: float) -> str:
    """A probability in words: 'below 1e-300' when it underflowed to 0."""
    return "below 1e-300" if p == 0.0 else f"{p:.2g}"


def _chi2(df: pd.DataFrame, h: Hypothesis) -> dict[str, Any]:
    from scipy import stats

    pairs = df[[h.column, h.by]].dropna()
    table = pd.crosstab(pairs[h.column], pairs[h.by])
    result = stats.chi2_contingency(table.to_numpy())  # Yates' correction on 2 x 2 tables
    v = eda().cramers_v(pairs[h.column], pairs[h.by])
    shares = pd.crosstab(pairs[h.column], pairs[h.by], normalize="index")
    level = shares.columns[-1]
    described = ", ".join(f"{g} {shares.loc[g, level]:.0%}" for g in shares.index)
    return {
        "statistic_name": "chi2",
        "statistic": float(result.statistic),
        "p_value": float(result.pvalue),
        "effect_name": "cramers_v",
        "effect": v,
        "effect_size": _size(v, _R_CUTS),
        "n": len(pairs),
        "groups": f"share with {h.by} = {level}: {described} (dof {result.dof})",
        "finding": f"{h.column} and {h.by} are associated: {described} have {h.by} = {level}",
        "null": f"{h.column} and {h.by} were independent",
    }


def _two_groups(df: pd.DataFrame, h: Hypothesis) -> dict[str, Any]:
    pairs = df[[h.column, h.by]].dropna()
    labels = sorted(pairs[h.by].unique())
    if len(labels) != 2:
        raise ValueError(f"{h.kind} needs two groups in {h.by}, found {len(labels)}")
    a = pairs.loc[pairs[h.by] == labels[0], h.column].astype(float)
    b = pairs.loc[pairs[h.by] == labels[1], h.column].astype(float)
    statistic, p_value = eda().two_group_test(pairs[h.column], pairs[h.by], method=h.kind)
    name_a, name_b = f"{h.by} = {labels[0]}", f"{h.by} = {labels[1]}"
    if h.kind == "welch":
        d = float((a.mean() - b.mean()) / np.sqrt((a.var() + b.var()) / 2))
        higher = name_a if a.mean() > b.mean() else name_b
        return {
            "statistic_name": "t",
            "statistic": statistic,
            "p_value": p_value,
            "effect_name": "cohens_d",
            "effect": d,
            "effect_size": _size(d, _D_CUTS),
            "n": len(pairs),
            "groups": f"mean {h.column}: {_fmt(a.mean())} for {name_a} (n={len(a)}), "
            f"{_fmt(b.mean())} for {name_b} (n={len(b)})",
            "finding": f"the mean {h.column} is higher for {higher}",
            "null": f"the mean {h.column} were the same for {name_a} and {name_b}",
        }
    # Rank-biserial correlation: P(a > b) - P(a < b), from U of a.
    r = float(2.0 * statistic / (len(a) * len(b)) - 1.0)
    higher = name_a if r > 0 else name_b
    return {
        "statistic_name": "U",
        "statistic": statistic,
        "p_value": p_value,
        "effect_name": "rank_biserial_r",
        "effect": r,
        "effect_size": _size(r, _R_CUTS),
        "n": len(pairs),
        "groups": f"median {h.column}: {_fmt(a.median())} for {name_a} (n={len(a)}), "
        f"{_fmt(b.median())} for {name_b} (n={len(b)}); the rank-biserial r is negative when "
        f"the values of {name_a} tend to be the lower",
        "finding": f"{h.column} tends to be higher for {higher}",
        "null": f"{h.column} had the same distribution for {name_a} and {name_b}",
    }


def _kruskal(df: pd.DataFrame, h: Hypothesis) -> dict[str, Any]:
    from scipy import stats

    pairs = df[[h.column, h.by]].dropna()
    samples = [s.to_numpy(dtype=float) for _, s in pairs.groupby(h.by)[h.column]]
    result = stats.kruskal(*samples)
    n = len(pairs)
    epsilon2 = float(result.statistic) / (n - 1)
    medians = pairs.groupby(h.by)[h.column].median().sort_values()
    low, high = medians.index[0], medians.index[-1]
    return {
        "statistic_name": "H",
        "statistic": float(result.statistic),
        "p_value": float(result.pvalue),
        "effect_name": "epsilon_squared",
        "effect": epsilon2,
        "effect_size": _size(epsilon2, _ETA2_CUTS),
        "n": n,
        "groups": f"{len(samples)} groups; median {h.column} from {_fmt(medians.iloc[0])} "
        f"({low}) to {_fmt(medians.iloc[-1])} ({high})",
        "finding": f"{h.column} differs between the groups of {h.by}, from a median of "
        f"{_fmt(medians.iloc[0])} in {low} to {_fmt(medians.iloc[-1])} in {high}",
        "null": f"{h.column} had the same distribution in every group of {h.by}",
    }


def _spearman(df: pd.DataFrame, h: Hypothesis) -> dict[str, Any]:
    from scipy import stats

    pairs = df[[h.column, h.by]].dropna()
    result = stats.spearmanr(pairs[h.column], pairs[h.by])
    rho = float(result.statistic)
    direction = "rise together" if rho > 0 else "move in opposite directions"
    return {
        "statistic_name": "rho",
        "statistic": rho,
        "p_value": float(result.pvalue),
        "effect_name": "rho",
        "effect": rho,
        "effect_size": _size(rho, _R_CUTS),
        "n": len(pairs),
        "groups": f"{len(pairs)} complete rows",
        "finding": f"{h.column} and {h.by} {direction} (rho = {rho:.2f})",
        "null": f"{h.column} and {h.by} were not monotonically related",
    }


_RUNNERS = {
    "chi2": _chi2,
    "welch": _two_groups,
    "mannwhitney": _two_groups,
    "kruskal": _kruskal,
    "spearman": _spearman,
}


def run_test(df: pd.DataFrame, h: Hypothesis, alpha: float = 0.05) -> HypothesisResult:
    """Run one test and explain its result in plain words."""
    parts = _RUNNERS[h.kind](df, h)
    p = parts["p_value"]
    significant = bool(p < alpha)
    effect = f"{EFFECT_LABELS[parts['effect_name']]} = {parts['effect']:.2f}"
    if significant:
        text = (
            f"{_p(p)}, below α = {alpha:g}. If {parts['null']} in the population, a result "
            f"at least this extreme would come up by chance with probability {_chance(p)}; we "
            f"reject that idea: {parts['finding']}. The effect is {parts['effect_size']} ({effect})"
            + (
                ": real, but too small to matter much on its own."
                if parts["effect_size"] in ("negligible", "small")
                else "."
            )
        )
    else:
        text = (
            f"{_p(p)}, above α = {alpha:g}. If {parts['null']}, a result at least this extreme "
            f"would still come up by chance {p:.0%} of the time: these data give no evidence "
            f"against that idea ({effect}). That is not proof that there is no difference: a "
            "larger sample could still find a small one."
        )
    return HypothesisResult(
        question=h.question,
        method=_METHODS[h.kind],
        statistic_name=parts["statistic_name"],
        statistic=float(parts["statistic"]),
        p_value=float(p),
        effect_name=parts["effect_name"],
        effect=float(parts["effect"]),
        effect_size=parts["effect_size"],
        n=int(parts["n"]),
        groups=parts["groups"],
        interpretation=text,
        significant=significant,
    )
