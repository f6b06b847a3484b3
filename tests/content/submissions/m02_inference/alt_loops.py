"""Correct, written differently: scipy.special's ndtr, ndtri and stdtr, bootstrap indices from
uniform draws, permutations as the x-indices of sorted random keys, a growing scan for the
sample size, and corrections written with explicit sorting."""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, ndtri, stdtr

_ALTERNATIVES = ("two-sided", "greater", "less")


def _alt(alternative):
    if alternative not in _ALTERNATIVES:
        raise ValueError(f"alternative must be one of {_ALTERNATIVES}, not {alternative!r}")


def _between(value, name):
    if not 0 < value < 1:
        raise ValueError(f"{name} = {value} is not strictly between 0 and 1")


def _array(values, name, least):
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1 or arr.shape[0] < least or np.any(np.isnan(arr)):
        raise ValueError(f"{name}: expected at least {least} numbers and no NaN")
    return arr


def _p(upper, alternative):
    """p-value from the upper-tail probability P(stat >= observed)."""
    if alternative == "greater":
        return upper
    if alternative == "less":
        return 1.0 - upper
    return 2.0 * min(upper, 1.0 - upper)


def bootstrap_ci(
    values, statistic=np.mean, *, level=0.95, n_resamples=2000, method="percentile", seed=None
):
    x = _array(values, "values", 2)
    _between(level, "level")
    if method != "percentile" and method != "bca":
        raise ValueError("method must be 'percentile' or 'bca'")
    n = x.shape[0]
    rng = np.random.default_rng(seed)
    idx = np.minimum((rng.random((n_resamples, n)) * n).astype(int), n - 1)
    stats = np.sort(np.asarray(statistic(x[idx], axis=-1), dtype=float))
    probs = np.array([(1 - level) / 2, (1 + level) / 2])
    if method == "bca":
        est = float(statistic(x, axis=-1))
        share = (np.searchsorted(stats, est, "left") + np.searchsorted(stats, est, "right")) / (
            2 * n_resamples
        )
        z0 = float(ndtri(min(max(share, 1e-10), 1 - 1e-10)))
        mask = ~np.eye(n, dtype=bool)
        jack = np.asarray(statistic(np.tile(x, (n, 1))[mask].reshape(n, n - 1), axis=-1))
        d = jack.mean() - jack
        accel = np.sum(d**3) / (6 * np.sum(d**2) ** 1.5)
        z = ndtri(probs)
        probs = ndtr(z0 + (z0 + z) / (1 - accel * (z0 + z)))
    return tuple(float(v) for v in np.quantile(stats, probs))


def permutation_test(x, y, *, n_resamples=9999, alternative="two-sided", seed=None):
    a, b = _array(x, "x", 1), _array(y, "y", 1)
    _alt(alternative)
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    observed = a.mean() - b.mean()
    slack = 1e-10 * abs(observed)
    chosen = np.argsort(rng.random((n_resamples, pooled.size)), axis=1)[:, : a.size]
    sum_a = pooled[chosen].sum(axis=1)
    diff = sum_a / a.size - (pooled.sum() - sum_a) / b.size
    if alternative == "greater":
        count = np.count_nonzero(diff >= observed - slack)
    elif alternative == "less":
        count = np.count_nonzero(diff <= observed + slack)
    else:
        count = np.count_nonzero(np.abs(diff) >= abs(observed) - slack)
    return (count + 1) / (n_resamples + 1)


def two_proportion_ztest(successes_a, n_a, successes_b, n_b, *, alternative="two-sided"):
    _alt(alternative)
    if min(n_a, n_b) < 1 or not (0 <= successes_a <= n_a) or not (0 <= successes_b <= n_b):
        raise ValueError("counts must satisfy 0 <= successes <= n with n >= 1")
    rate = (successes_a + successes_b) / (n_a + n_b)
    variance = rate * (1 - rate) * (n_a + n_b) / (n_a * n_b)
    if variance <= 0:
        raise ValueError("pooled rate is 0 or 1: z is undefined")
    z = (successes_a / n_a - successes_b / n_b) / variance**0.5
    return float(z), float(_p(float(ndtr(-z)), alternative))


def welch_ttest(x, y, *, alternative="two-sided"):
    a, b = _array(x, "x", 2), _array(y, "y", 2)
    _alt(alternative)
    se2 = [v.var(ddof=1) / v.size for v in (a, b)]
    if sum(se2) == 0:
        raise ValueError("both samples have zero variance")
    t = (a.mean() - b.mean()) / np.sqrt(sum(se2))
    df = sum(se2) ** 2 / sum(s**2 / (v.size - 1) for s, v in zip(se2, (a, b), strict=True))
    return float(t), float(df), float(_p(float(stdtr(df, -t)), alternative))


def ab_power(p_a, p_b, n_per_group, *, alpha=0.05, alternative="two-sided"):
    for value, name in ((p_a, "p_a"), (p_b, "p_b"), (alpha, "alpha")):
        _between(value, name)
    _alt(alternative)
    if n_per_group < 1:
        raise ValueError("n_per_group must be at least 1")
    effect = 2 * (np.arcsin(p_a**0.5) - np.arcsin(p_b**0.5)) * (n_per_group / 2) ** 0.5
    if alternative == "two-sided":
        c = ndtri(1 - alpha / 2)
        return float(ndtr(effect - c) + ndtr(-effect - c))
    c = ndtri(1 - alpha)
    return float(ndtr(effect - c) if alternative == "greater" else ndtr(-effect - c))


def sample_size(p_a, p_b, *, alpha=0.05, power=0.8, alternative="two-sided"):
    _between(power, "power")
    if p_a == p_b:
        raise ValueError("p_a equals p_b: nothing to detect")
    n, step = 1, 1
    while ab_power(p_a, p_b, n, alpha=alpha, alternative=alternative) < power:
        n += step
        step *= 2
        if n > 10**12:
            raise ValueError("that power cannot be reached in this direction")
    low = max(1, n - step // 2)
    while ab_power(p_a, p_b, low, alpha=alpha, alternative=alternative) >= power and low > 1:
        low = max(1, low - step)
    for candidate in range(low, n + 1):
        if ab_power(p_a, p_b, candidate, alpha=alpha, alternative=alternative) >= power:
            return candidate
    return n


def adjust_p_values(p_values, method="holm"):
    p = np.asarray(p_values, dtype=float)
    if p.ndim != 1 or p.size == 0 or not np.all((p >= 0) & (p <= 1)):
        raise ValueError("p_values must be a non-empty list of numbers in [0, 1]")
    if method not in ("bonferroni", "holm", "bh"):
        raise ValueError(f"method {method!r} is not bonferroni, holm or bh")
    m = p.size
    order = np.argsort(p)
    sorted_p = p[order]
    if method == "bonferroni":
        factors = np.full(m, m)
        adjusted = np.minimum(1, sorted_p * factors)
    elif method == "holm":
        adjusted = np.minimum(1, np.maximum.accumulate(sorted_p * np.arange(m, 0, -1)))
    else:
        scaled = sorted_p * m / np.arange(1, m + 1)
        adjusted = np.minimum(1, np.flip(np.minimum.accumulate(np.flip(scaled))))
    out = np.empty(m)
    out[order] = adjusted
    return out
