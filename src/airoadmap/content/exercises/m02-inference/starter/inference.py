"""Statistical inference by simulation and by formula: your code. Read brief.md first.

From scratch: scipy.stats and statsmodels are off limits here. Use NumPy (its random generator
too), statistics.NormalDist for the normal distribution and scipy.special.stdtr for Student's t.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

ALTERNATIVES = ("two-sided", "greater", "less")


def bootstrap_ci(
    values: ArrayLike,
    statistic: Callable[..., ArrayLike] = np.mean,
    *,
    level: float = 0.95,
    n_resamples: int = 2000,
    method: str = "percentile",
    seed: int | None = None,
) -> tuple[float, float]:
    """A bootstrap confidence interval (low, high) for `statistic` of `values`."""
    raise NotImplementedError("bootstrap_ci: resample with replacement, read the quantiles")


def permutation_test(
    x: ArrayLike,
    y: ArrayLike,
    *,
    n_resamples: int = 9999,
    alternative: str = "two-sided",
    seed: int | None = None,
) -> float:
    """The permutation p-value of mean(x) - mean(y)."""
    raise NotImplementedError("permutation_test: shuffle the pooled values, count the extremes")


def two_proportion_ztest(
    successes_a: int, n_a: int, successes_b: int, n_b: int, *, alternative: str = "two-sided"
) -> tuple[float, float]:
    """The pooled two-proportion z-test of rate a - rate b: (z, p-value)."""
    raise NotImplementedError("two_proportion_ztest: the pooled standard error, then z")


def welch_ttest(
    x: ArrayLike, y: ArrayLike, *, alternative: str = "two-sided"
) -> tuple[float, float, float]:
    """Welch's t-test of mean(x) - mean(y): (t, df, p-value)."""
    raise NotImplementedError("welch_ttest: t, the Welch-Satterthwaite df, then the p-value")


def ab_power(
    p_a: float, p_b: float, n_per_group: int, *, alpha: float = 0.05, alternative: str = "two-sided"
) -> float:
    """The power of a test of rate a against rate b with n_per_group in each group."""
    raise NotImplementedError("ab_power: Cohen's h, then the normal tails")


def sample_size(
    p_a: float,
    p_b: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    alternative: str = "two-sided",
) -> int:
    """The smallest n per group whose ab_power reaches `power`."""
    raise NotImplementedError("sample_size: the smallest n whose power is enough")


def adjust_p_values(
    p_values: Sequence[float] | ArrayLike, method: str = "holm"
) -> NDArray[np.float64]:
    """Adjusted p-values, in the input's order: "bonferroni", "holm" or "bh"."""
    raise NotImplementedError("adjust_p_values: sort, scale, make monotone, unsort")
