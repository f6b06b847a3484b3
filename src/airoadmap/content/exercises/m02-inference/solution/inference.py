"""Statistical inference by simulation and by formula: the reference solution."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import stdtr

ALTERNATIVES = ("two-sided", "greater", "less")
Statistic = Callable[..., ArrayLike]
_NORMAL = NormalDist()


def _alternative(alternative: str) -> str:
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative={alternative!r}: use one of {ALTERNATIVES}")
    return alternative


def _sample(values: ArrayLike, name: str, minimum: int = 2) -> NDArray[np.float64]:
    """`values` as a 1-D float array of at least `minimum` numbers, without NaN."""
    x = np.asarray(values, dtype=float)
    if x.ndim != 1 or len(x) < minimum:
        raise ValueError(f"{name} must be 1-D with at least {minimum} values, got shape {x.shape}")
    if np.isnan(x).any():
        raise ValueError(f"{name} holds NaN: drop the missing values first")
    return x


def _probability(value: float, name: str) -> float:
    if not 0.0 < value < 1.0:
        raise ValueError(f"{name}={value!r} must lie strictly between 0 and 1")
    return float(value)


def _p_from_z(z: float, alternative: str) -> float:
    """The p-value of a standard normal statistic `z`."""
    if alternative == "greater":
        return 1.0 - _NORMAL.cdf(z)
    if alternative == "less":
        return _NORMAL.cdf(z)
    return 2.0 * _NORMAL.cdf(-abs(z))


def bootstrap_ci(
    values: ArrayLike,
    statistic: Statistic = np.mean,
    *,
    level: float = 0.95,
    n_resamples: int = 2000,
    method: str = "percentile",
    seed: int | None = None,
) -> tuple[float, float]:
    """A bootstrap confidence interval (low, high) for `statistic` of `values`.

    statistic(array, axis=-1) reduces the last axis, as np.mean does. method: "percentile"
    or "bca" (bias-corrected and accelerated).
    """
    x = _sample(values, "values")
    level = _probability(level, "level")
    if method not in ("percentile", "bca"):
        raise ValueError(f"method={method!r}: use 'percentile' or 'bca'")
    rng = np.random.default_rng(seed)
    resamples = x[rng.integers(0, len(x), size=(n_resamples, len(x)))]
    thetas = np.asarray(statistic(resamples, axis=-1), dtype=float)
    tail = (1.0 - level) / 2.0
    quantiles = np.array([tail, 1.0 - tail])
    if method == "bca":
        quantiles = _bca_quantiles(x, statistic, thetas, quantiles)
    low, high = np.quantile(thetas, quantiles)
    return float(low), float(high)


def _bca_quantiles(
    x: NDArray[np.float64],
    statistic: Statistic,
    thetas: NDArray[np.float64],
    quantiles: NDArray[np.float64],
) -> NDArray[np.float64]:
    """The percentiles that the BCa method reads from the bootstrap distribution instead."""
    theta_hat = float(np.asarray(statistic(x, axis=-1)))
    below = (np.mean(thetas < theta_hat) + np.mean(thetas <= theta_hat)) / 2.0
    z0 = _NORMAL.inv_cdf(float(np.clip(below, 1e-12, 1.0 - 1e-12)))
    leave_one_out = ~np.eye(len(x), dtype=bool)
    jackknife = np.asarray(
        statistic(np.broadcast_to(x, (len(x), len(x)))[leave_one_out].reshape(len(x), -1), axis=-1),
        dtype=float,
    )
    deviations = jackknife.mean() - jackknife
    spread = float(np.sum(deviations**2))
    acceleration = float(np.sum(deviations**3)) / (6.0 * spread**1.5) if spread > 0 else 0.0
    z = np.array([_NORMAL.inv_cdf(q) for q in quantiles])
    shifted = z0 + (z0 + z) / (1.0 - acceleration * (z0 + z))
    return np.array([_NORMAL.cdf(s) for s in shifted])


def permutation_test(
    x: ArrayLike,
    y: ArrayLike,
    *,
    n_resamples: int = 9999,
    alternative: str = "two-sided",
    seed: int | None = None,
) -> float:
    """The permutation p-value of mean(x) - mean(y): (1 + extreme resamples) / (1 + n_resamples)."""
    a, b = _sample(x, "x", 1), _sample(y, "y", 1)
    _alternative(alternative)
    observed = a.mean() - b.mean()
    pooled = np.concatenate([a, b])
    rng = np.random.default_rng(seed)
    shuffled = rng.permuted(np.tile(pooled, (n_resamples, 1)), axis=1)
    diffs = shuffled[:, : len(a)].mean(axis=1) - shuffled[:, len(a) :].mean(axis=1)
    # A resample as extreme as the data, up to rounding, counts as extreme.
    tolerance = 1e-12 * max(1.0, abs(observed))
    if alternative == "greater":
        extreme = diffs >= observed - tolerance
    elif alternative == "less":
        extreme = diffs <= observed + tolerance
    else:
        extreme = np.abs(diffs) >= abs(observed) - tolerance
    return float((1 + np.count_nonzero(extreme)) / (1 + n_resamples))


def two_proportion_ztest(
    successes_a: int, n_a: int, successes_b: int, n_b: int, *, alternative: str = "two-sided"
) -> tuple[float, float]:
    """The pooled two-proportion z-test of rate a - rate b: (z, p-value)."""
    _alternative(alternative)
    for successes, n, name in ((successes_a, n_a, "a"), (successes_b, n_b, "b")):
        if n < 1 or not 0 <= successes <= n:
            raise ValueError(
                f"group {name}: need 0 <= successes <= n and n >= 1, got {successes} of {n}"
            )
    pooled = (successes_a + successes_b) / (n_a + n_b)
    se = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b))
    if se == 0:
        raise ValueError("both groups are all successes or all failures: the z-test is undefined")
    z = (successes_a / n_a - successes_b / n_b) / se
    return float(z), _p_from_z(float(z), alternative)


def welch_ttest(
    x: ArrayLike, y: ArrayLike, *, alternative: str = "two-sided"
) -> tuple[float, float, float]:
    """Welch's t-test of mean(x) - mean(y), variances not assumed equal: (t, df, p-value)."""
    a, b = _sample(x, "x"), _sample(y, "y")
    _alternative(alternative)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    if va + vb == 0:
        raise ValueError("both samples are constant: the t statistic is undefined")
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    if alternative == "greater":
        p = stdtr(df, -t)
    elif alternative == "less":
        p = stdtr(df, t)
    else:
        p = 2.0 * stdtr(df, -abs(t))
    return float(t), float(df), float(p)


def _effect(p_a: float, p_b: float) -> float:
    """Cohen's h: the difference of the arcsine-transformed rates."""
    h = 2.0 * np.arcsin(np.sqrt(_probability(p_a, "p_a"))) - 2.0 * np.arcsin(
        np.sqrt(_probability(p_b, "p_b"))
    )
    return float(h)


def ab_power(
    p_a: float, p_b: float, n_per_group: int, *, alpha: float = 0.05, alternative: str = "two-sided"
) -> float:
    """The power of a test of rate a against rate b with n_per_group in each group."""
    _alternative(alternative)
    alpha = _probability(alpha, "alpha")
    if n_per_group < 1:
        raise ValueError(f"n_per_group={n_per_group} must be at least 1")
    shift = _effect(p_a, p_b) * np.sqrt(n_per_group / 2.0)
    if alternative == "two-sided":
        z = _NORMAL.inv_cdf(1.0 - alpha / 2.0)
        return _NORMAL.cdf(shift - z) + _NORMAL.cdf(-shift - z)
    z = _NORMAL.inv_cdf(1.0 - alpha)
    return _NORMAL.cdf(shift - z if alternative == "greater" else -shift - z)


def sample_size(
    p_a: float,
    p_b: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    alternative: str = "two-sided",
) -> int:
    """The smallest n per group whose ab_power reaches `power`."""
    power = _probability(power, "power")
    _probability(alpha, "alpha")
    low, high = 1, 2
    while ab_power(p_a, p_b, high, alpha=alpha, alternative=alternative) < power:
        low, high = high, 2 * high
        if high > 2**40:
            raise ValueError(
                f"power={power} is out of reach for {p_a} against {p_b} ({alternative})"
            )
    while low < high:  # the smallest n in [low, high] that reaches the power
        middle = (low + high) // 2
        if ab_power(p_a, p_b, middle, alpha=alpha, alternative=alternative) >= power:
            high = middle
        else:
            low = middle + 1
    return low


def adjust_p_values(
    p_values: Sequence[float] | ArrayLike, method: str = "holm"
) -> NDArray[np.float64]:
    """Adjusted p-values in the input's order: "bonferroni", "holm" or "bh" (Benjamini-Hochberg)."""
    p = np.asarray(p_values, dtype=float)
    if p.ndim != 1 or len(p) == 0:
        raise ValueError(f"p_values must be a non-empty 1-D list, got shape {p.shape}")
    if np.isnan(p).any() or (p < 0).any() or (p > 1).any():
        raise ValueError("p_values must lie between 0 and 1 (no NaN)")
    m = len(p)
    if method == "bonferroni":
        return np.minimum(p * m, 1.0)
    order = np.argsort(p, kind="stable")
    ranked = p[order]
    rank = np.arange(1, m + 1)
    if method == "holm":
        adjusted = np.maximum.accumulate(ranked * (m - rank + 1))
    elif method == "bh":
        adjusted = np.minimum.accumulate((ranked * m / rank)[::-1])[::-1]
    else:
        raise ValueError(f"method={method!r}: use 'bonferroni', 'holm' or 'bh'")
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    return result
