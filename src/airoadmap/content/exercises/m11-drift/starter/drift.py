"""Data drift tests per column (m11-drift, part 1).

Write these with NumPy, vectorised over the columns where you can; take only the
distributions from scipy.stats (kstwo.sf for KS, chi2.sf for chi-square). Drift libraries
(evidently, nannyml, alibi_detect, river, ...) and scipy's ready-made tests (ks_2samp,
chi2_contingency, false_discovery_control) are refused in this file: the checks compare your
numbers with them. `airoadmap show m11-drift` explains the task; `airoadmap check` grades it;
`airoadmap hint` helps when you are stuck.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

PSI_FLOOR = 1e-4  # a bin's share below this counts as this: ln(0) has no value


def ks_test(reference: ArrayLike, current: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Two-sample Kolmogorov-Smirnov test of every column of two 2-D arrays (rows x
    columns, the same columns): (statistics, p-values), one value per column.

    The statistic is the largest gap between the two empirical CDFs; the p-value is
    scipy.stats.kstwo.sf(statistic, round(n * m / (n + m))) for n and m rows.
    """
    # TODO: sort the pooled rows of each column, cumulative shares of each sample, the gap
    # read at the end of each run of equal values.
    raise NotImplementedError("ks_test")


def chi2_test(reference: ArrayLike, current: ArrayLike) -> tuple[float, float, int]:
    """Chi-square test of homogeneity of one categorical column, no continuity correction:
    (statistic, p-value, degrees of freedom)."""
    # TODO: the 2 x categories table of counts, expected counts from its margins,
    # sum((observed - expected)^2 / expected), dof = categories - 1, p = chi2.sf(stat, dof).
    raise NotImplementedError("chi2_test")


def psi(reference: ArrayLike, current: ArrayLike, bins: int = 10) -> np.ndarray:
    """Population stability index of every column, on `bins` quantile bins of the reference
    (a value equal to an edge goes to the bin above; a share of 0 counts as PSI_FLOOR)."""
    # TODO: edges = the reference's quantiles 1/bins ... (bins-1)/bins, the shares of each
    # sample per bin, sum((cur - ref) * ln(cur / ref)).
    raise NotImplementedError("psi")


def adjust(pvalues: ArrayLike, method: str = "bh") -> np.ndarray:
    """Adjusted p-values: "bonferroni" or "bh" (Benjamini-Hochberg), capped at 1."""
    # TODO: Bonferroni: p * m. BH: p * m / rank on the sorted p-values, then a running
    # minimum from the largest down, back in the input's order.
    raise NotImplementedError("adjust")


def drift_report(
    reference: pd.DataFrame,
    current: pd.DataFrame,
    *,
    alpha: float = 0.05,
    correction: str = "bh",
    bins: int = 10,
) -> pd.DataFrame:
    """One row per column of `reference` (index: the column names, in order) with kind
    ("numeric" or "categorical"), test ("ks" or "chi2"), statistic, p_value, p_adjusted
    (one correction over all the columns), psi (NaN for categorical columns) and drifted
    (p_adjusted < alpha)."""
    # TODO: numeric columns (not bool) through ks_test and psi at once, the others through
    # chi2_test one by one; then adjust all the p-values together.
    raise NotImplementedError("drift_report")


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    reference = pd.DataFrame(
        {"age": rng.normal(40, 10, 5000), "plan": rng.choice(list("abc"), 5000)}
    )
    current = pd.DataFrame({"age": rng.normal(42, 10, 5000), "plan": rng.choice(list("abc"), 5000)})
    print(drift_report(reference, current))
