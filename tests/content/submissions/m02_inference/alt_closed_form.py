"""Correct, written differently: math.erf for the normal, the regularised incomplete beta for
Student's t, rng.choice and np.percentile for the bootstrap, random sort keys for the
permutations, the closed-form sample size moved to the smallest n, loops for the corrections."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
from scipy.special import betainc


def _check_alternative(alternative):
    if alternative not in ("two-sided", "greater", "less"):
        raise ValueError(f"unknown alternative {alternative!r}")


def _check_unit(value, name):
    if not (0 < value < 1):
        raise ValueError(f"{name} must be in (0, 1), got {value}")


def _phi(z):
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def _tail(p_upper, p_lower, alternative):
    if alternative == "greater":
        return p_upper
    if alternative == "less":
        return p_lower
    return min(1.0, 2.0 * min(p_upper, p_lower))


def _t_upper(t, df):
    """P(T >= t) for Student's t with df degrees of freedom."""
    half = 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))
    return half if t >= 0 else 1.0 - half


def _data(values, name, minimum=2):
    arr = np.array(values, dtype=np.float64).ravel() if np.ndim(values) <= 1 else None
    if arr is None or arr.size < minimum:
        raise ValueError(f"{name}: need a flat list of at least {minimum} numbers")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: NaN or infinite values")
    return arr


def bootstrap_ci(
    values, statistic=np.mean, *, level=0.95, n_resamples=2000, method="percentile", seed=None
):
    data = _data(values, "values")
    _check_unit(level, "level")
    if method not in {"percentile", "bca"}:
        raise ValueError(f"unknown method {method!r}")
    rng = np.random.default_rng(seed)
    boot = np.asarray(statistic(rng.choice(data, size=(n_resamples, data.size)), axis=-1))
    alpha = 1.0 - level
    lo_q, hi_q = alpha / 2, 1 - alpha / 2
    if method == "bca":
        normal = NormalDist()
        estimate = float(statistic(data, axis=-1))
        z0 = normal.inv_cdf(float(np.clip(np.mean(boot < estimate), 1e-9, 1 - 1e-9)))
        # Row i holds the n - 1 values after position i, cyclically: all but values[i].
        rows = (np.arange(data.size)[:, None] + np.arange(1, data.size)) % data.size
        jack = np.asarray(statistic(data[rows], axis=-1))
        u = jack.mean() - jack
        a = (u**3).sum() / (6.0 * ((u**2).sum()) ** 1.5)
        adjusted = []
        for q in (lo_q, hi_q):
            z = normal.inv_cdf(q)
            adjusted.append(_phi(z0 + (z0 + z) / (1 - a * (z0 + z))))
        lo_q, hi_q = adjusted
    lo, hi = np.percentile(boot, [100 * lo_q, 100 * hi_q])
    return float(lo), float(hi)


def permutation_test(x, y, *, n_resamples=9999, alternative="two-sided", seed=None):
    a, b = _data(x, "x", 1), _data(y, "y", 1)
    _check_alternative(alternative)
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    keys = rng.random((n_resamples, pooled.size))
    perms = pooled[np.argsort(keys, axis=1)]
    stat = perms[:, : a.size].sum(axis=1) / a.size - perms[:, a.size :].sum(axis=1) / b.size
    obs = a.sum() / a.size - b.sum() / b.size
    eps = 1e-9 * abs(obs)
    hits = {
        "greater": np.sum(stat >= obs - eps),
        "less": np.sum(stat <= obs + eps),
        "two-sided": np.sum(np.abs(stat) >= abs(obs) - eps),
    }[alternative]
    return (hits + 1) / (n_resamples + 1)


def two_proportion_ztest(successes_a, n_a, successes_b, n_b, *, alternative="two-sided"):
    _check_alternative(alternative)
    if not (0 <= successes_a <= n_a and 0 <= successes_b <= n_b and n_a > 0 and n_b > 0):
        raise ValueError("successes must lie between 0 and n, and n must be positive")
    p = (successes_a + successes_b) / (n_a + n_b)
    if p in (0.0, 1.0):
        raise ValueError("no variation: every trial succeeded or every trial failed")
    z = (successes_a / n_a - successes_b / n_b) / math.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))
    return z, _tail(1 - _phi(z), _phi(z), alternative)


def welch_ttest(x, y, *, alternative="two-sided"):
    a, b = _data(x, "x"), _data(y, "y")
    _check_alternative(alternative)
    sa, sb = np.var(a, ddof=1) / a.size, np.var(b, ddof=1) / b.size
    if sa + sb == 0:
        raise ValueError("zero variance in both samples")
    t = (np.mean(a) - np.mean(b)) / math.sqrt(sa + sb)
    df = (sa + sb) ** 2 / (sa**2 / (a.size - 1) + sb**2 / (b.size - 1))
    upper = _t_upper(t, df)
    return t, df, _tail(upper, 1.0 - upper, alternative)


def ab_power(p_a, p_b, n_per_group, *, alpha=0.05, alternative="two-sided"):
    _check_unit(p_a, "p_a")
    _check_unit(p_b, "p_b")
    _check_unit(alpha, "alpha")
    _check_alternative(alternative)
    if n_per_group <= 0:
        raise ValueError("n_per_group must be positive")
    h = 2 * math.asin(math.sqrt(p_a)) - 2 * math.asin(math.sqrt(p_b))
    mean = h * math.sqrt(n_per_group / 2)
    inv = NormalDist().inv_cdf
    if alternative == "greater":
        return 1 - _phi(inv(1 - alpha) - mean)
    if alternative == "less":
        return _phi(-inv(1 - alpha) - mean)
    crit = inv(1 - alpha / 2)
    return 1 - _phi(crit - mean) + _phi(-crit - mean)


def sample_size(p_a, p_b, *, alpha=0.05, power=0.8, alternative="two-sided"):
    _check_unit(power, "power")
    _check_unit(alpha, "alpha")
    _check_unit(p_a, "p_a")
    _check_unit(p_b, "p_b")
    h = 2 * math.asin(math.sqrt(p_a)) - 2 * math.asin(math.sqrt(p_b))
    if h == 0 or (alternative == "greater" and h < 0) or (alternative == "less" and h > 0):
        raise ValueError(
            "no sample size reaches that power: the rates are equal or the "
            "alternative points the other way"
        )
    inv = NormalDist().inv_cdf
    crit = inv(1 - alpha / 2) if alternative == "two-sided" else inv(1 - alpha)
    n = max(1, math.ceil(2 * ((crit + inv(power)) / h) ** 2))
    while n > 1 and ab_power(p_a, p_b, n - 1, alpha=alpha, alternative=alternative) >= power:
        n -= 1
    while ab_power(p_a, p_b, n, alpha=alpha, alternative=alternative) < power:
        n += 1
    return n


def adjust_p_values(p_values, method="holm"):
    if np.ndim(p_values) != 1:
        raise ValueError("p_values: need a flat list")
    p = [float(v) for v in p_values]
    if not p or any(not (0 <= v <= 1) for v in p):
        raise ValueError("p_values: need at least one, each between 0 and 1")
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out = [0.0] * m
    if method == "bonferroni":
        return np.array([min(1.0, v * m) for v in p])
    if method == "holm":
        running = 0.0
        for rank, i in enumerate(order, start=1):
            running = max(running, (m - rank + 1) * p[i])
            out[i] = min(1.0, running)
    elif method == "bh":
        running = 1.0
        for rank in range(m, 0, -1):
            i = order[rank - 1]
            running = min(running, p[i] * m / rank)
            out[i] = running
    else:
        raise ValueError(f"unknown method {method!r}")
    return np.array(out)
