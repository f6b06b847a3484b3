"""Checks of m02-inference: tests, intervals and sample sizes, judged against scipy.stats and
statsmodels where they have the same method, and against this file's own seeded simulation or
exact enumeration where they do not.

The data are real: Titanic survival by sex and class, Ames sale prices by neighbourhood. The
bootstrap and the permutation test are random, so they are compared within a tolerance that
covers Monte Carlo noise (stated at each constant) but not a wrong method. Every check is
seeded: it gives the same verdict on every run.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.grading.api import CheckFailed, Context, check, expect, expect_close, fail

MODULE = "inference"
FUNCTIONS = (
    "bootstrap_ci",
    "permutation_test",
    "two_proportion_ztest",
    "welch_ttest",
    "ab_power",
    "sample_size",
    "adjust_p_values",
)
ALTERNATIVES = ("two-sided", "greater", "less")
# statsmodels' names of the one-sided alternatives.
SM_ALTERNATIVE = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}

# Formulas: any correct computation agrees to rounding.
RTOL = 1e-6
P_ATOL = 1e-12  # p-values below 1e-12 are all "zero" (a tail computed as 1 - cdf loses them)

# Bootstrap: the learner draws 10,000 resamples, scipy 50,000; with 2,000 resamples the
# reference solution's endpoints wander up to 0.065 of the interval's width from scipy's, with
# 10,000 up to 0.03. BCa moves the endpoints of the standard deviation of Veenker's prices by
# 0.15 and 0.17 of the width away from the percentile interval's.
CI_RESAMPLES = 10_000
CI_TOLERANCE = 0.075
# The 8 prices of Greens, in millions (so a jackknife spread far below 1; the interval scales
# with the data): the learner draws 100,000 resamples, scipy 200,000; over seeds 0 to 3 the
# reference solution's BCa endpoints are at most 0.003 of the width from scipy's (measured in
# dollars), while an acceleration divided by 7 instead of 6, or multiplied by z instead of
# z0 + z, moves them 0.016.
FINE_RESAMPLES = 100_000
FINE_TOLERANCE = 0.008

# Coverage: 500 samples of 80 log sale prices drawn (seed 5) from all 2,930 Ames houses, whose
# mean is the truth; 600 resamples per interval. The reference solution's 95% intervals cover
# the truth in 0.942 (percentile) and 0.948 (BCa) of the samples, 0.942 to 0.952 and 0.942 to
# 0.948 over four other seedings of its resamples; the two correct alternatives 0.942 to 0.946
# and 0.938 to 0.948. At n = 80 the bootstrap's true coverage is about 0.94 (data seeds 0 to 5
# give 0.931 to 0.961). A 90% interval covers 0.884, resamples of half the size 0.988.
COVERAGE_SAMPLES = 500
COVERAGE_N = 80
COVERAGE_RESAMPLES = 600
COVERAGE_SEED = 5
COVERAGE_LOW, COVERAGE_HIGH = 0.93, 0.97

# Permutation test: 20,000 resamples against the exact p-value of all 1,716 splits of 13
# houses: the Monte Carlo standard error is at most 0.0036 (at p = 0.5); 0.015 is over 4 of it.
PERM_RESAMPLES = 20_000
PERM_TOLERANCE = 0.015
FLOOR_RESAMPLES = 999
SAME_SEEDS = (5, 6, 7, 8)  # each called twice: equal p-values, seed by seed


# --- helpers -------------------------------------------------------------------------------


def _module(ctx: Context) -> ModuleType:
    module: ModuleType = ctx.load(MODULE)
    missing = [name for name in FUNCTIONS if not callable(getattr(module, name, None))]
    if missing:
        fail(f"inference.py defines no function {', '.join(missing)}: keep the starter's names.")
    return module


@contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _call(func: Callable[..., Any], call: str, *args: Any, **kwargs: Any) -> Any:
    """Call the learner's function; a valid call that raises fails with the call shown."""
    try:
        with _quiet():
            result = func(*args, **kwargs)
    except (NotImplementedError, CheckFailed):
        raise
    except Exception as exc:
        fail(f"{call} raised {type(exc).__name__}: {exc}. This call is valid.")
    if result is None:
        fail(f"{call} returned None. (Did you forget a return statement?)")
    return result


def _numbers(value: Any, count: int, call: str) -> tuple[float, ...]:
    """`value` as `count` floats (a tuple or list of numbers), or a clear failure."""
    try:
        items = tuple(float(v) for v in value) if count > 1 else (float(value),)
    except (TypeError, ValueError):
        fail(f"{call} returned {value!r}: expected {count} number(s).")
    expect(len(items) == count, f"{call} returned {value!r}: expected {count} numbers.")
    expect(all(np.isfinite(items)), f"{call} returned {value!r}: expected finite numbers.")
    return items


@cache
def _titanic() -> pd.DataFrame:
    from airoadmap.datasets import load_frame

    return load_frame("titanic")


@cache
def _ames() -> pd.DataFrame:
    from airoadmap.datasets import load_frame

    return load_frame("ames")


def _prices(neighbourhood: str) -> np.ndarray:
    ames = _ames()
    return ames.loc[ames["neighborhood"] == neighbourhood, "sale_price"].to_numpy(dtype=float)


def _survival(column: str, group: Any) -> tuple[int, int]:
    """(survivors, passengers) of the Titanic passengers whose `column` is `group`."""
    titanic = _titanic()
    survived = titanic.loc[titanic[column] == group, "survived"]
    return int(survived.sum()), len(survived)


# --- Welch's t-test --------------------------------------------------------------------------


# One constant group (its variance is 0, the other's is not), either one; two groups of equal
# variances; a group of two values (the fewest allowed).
WELCH_SMALL = [
    ([2.0, 2.0, 2.0], [1.0, 2.0, 3.0]),
    ([1.0, 2.0, 3.0], [2.0, 2.0, 2.0]),
    ([1.0, 2.0, 3.0], [11.0, 12.0, 13.0]),
    ([1.0, 3.0], [2.0, 5.0, 9.0]),
]


@check("welch_ttest matches scipy.stats.ttest_ind(equal_var=False)", hint="welch")
def welch_matches_scipy(ctx: Context) -> None:
    from scipy import stats

    m = _module(ctx)
    cases = [
        ("StoneBr", "NridgHt"),  # similar means: a large p-value
        ("MeadowV", "BrDale"),  # unequal sizes and spreads
        ("OldTown", "Edwards"),
    ]
    samples = [(f"prices of {a}", _prices(a), f"prices of {b}", _prices(b)) for a, b in cases]
    samples += [(str(x), np.array(x), str(y), np.array(y)) for x, y in WELCH_SMALL]
    for a_name, a, b_name, b in samples:
        for alternative in ALTERNATIVES:
            call = f"welch_ttest({a_name}, {b_name}, alternative={alternative!r})"
            t, df, p = _numbers(_call(m.welch_ttest, call, a, b, alternative=alternative), 3, call)
            with _quiet():  # scipy warns on a constant group
                ref = stats.ttest_ind(a, b, equal_var=False, alternative=alternative)
            expect_close(
                t,
                ref.statistic,
                what=f"t of {call}",
                rtol=RTOL,
                note="t = (mean(x) - mean(y)) / sqrt(var(x)/n_x + var(y)/n_y), with "
                "the sample variances (ddof=1).",
            )
            expect_close(
                df,
                ref.df,
                what=f"df of {call}",
                rtol=RTOL,
                note="Welch's degrees of freedom come from the Welch-Satterthwaite "
                "formula, not n_x + n_y - 2.",
            )
            expect_close(
                p,
                ref.pvalue,
                what=f"p-value of {call}",
                rtol=RTOL,
                atol=P_ATOL,
                note="The p-value is a tail of Student's t with df degrees of freedom: "
                "both tails for 'two-sided', the upper for 'greater', the lower for "
                "'less'.",
            )


# --- two-proportion z-test -------------------------------------------------------------------


# A group of one; no success in one group; all successes in one group.
ZTEST_SMALL = [(1, 1, 2, 5), (0, 5, 3, 7), (5, 5, 0, 7)]


@check("two_proportion_ztest matches statsmodels' proportions_ztest", hint="ztest")
def ztest_matches_statsmodels(ctx: Context) -> None:
    from statsmodels.stats.proportion import proportions_ztest

    m = _module(ctx)
    cases = [
        ("sex", "female", "male"),
        ("pclass", 1, 2),
        ("pclass", 2, 3),
    ]
    counts = [
        (
            *_survival(column, a),
            *_survival(column, b),
            f"Titanic survivors, {column} {a!r} against {b!r}",
        )
        for column, a, b in cases
    ]
    counts += [(*small, "small groups") for small in ZTEST_SMALL]
    for sa, na, sb, nb, source in counts:
        for alternative in ALTERNATIVES:
            call = f"two_proportion_ztest({sa}, {na}, {sb}, {nb}, alternative={alternative!r})"
            z, p = _numbers(
                _call(m.two_proportion_ztest, call, sa, na, sb, nb, alternative=alternative),
                2,
                call,
            )
            ref_z, ref_p = proportions_ztest(
                [sa, sb], [na, nb], alternative=SM_ALTERNATIVE[alternative]
            )
            where = f"{call} ({source})"
            expect_close(
                z,
                ref_z,
                what=f"z of {where}",
                rtol=RTOL,
                note="The standard error under the null hypothesis uses the POOLED "
                "rate (successes_a + successes_b) / (n_a + n_b).",
            )
            expect_close(
                p,
                ref_p,
                what=f"p-value of {where}",
                rtol=RTOL,
                atol=P_ATOL,
                note="The p-value is a tail of the standard normal distribution.",
            )


# --- power and sample size -------------------------------------------------------------------


def _sm_power(p_a: float, p_b: float, n: float, alpha: float, alternative: str) -> float:
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    h = proportion_effectsize(p_a, p_b)
    return float(
        NormalIndPower().power(h, n, alpha, ratio=1.0, alternative=SM_ALTERNATIVE[alternative])
    )


# (p_a, p_b, n per group, alpha): a small n makes the far tail of a two-sided test count.
POWER_CASES = [
    (0.12, 0.10, 1500, 0.05),
    (0.45, 0.38, 300, 0.01),
    (0.30, 0.29, 40, 0.05),
    (0.30, 0.60, 1, 0.05),
]


@check("ab_power matches statsmodels' NormalIndPower on Cohen's h", hint="power")
def power_matches_statsmodels(ctx: Context) -> None:
    m = _module(ctx)
    for p_a, p_b, n, alpha in POWER_CASES:
        for alternative in ALTERNATIVES:
            call = f"ab_power({p_a}, {p_b}, {n}, alpha={alpha}, alternative={alternative!r})"
            (power,) = _numbers(
                _call(m.ab_power, call, p_a, p_b, n, alpha=alpha, alternative=alternative), 1, call
            )
            expect_close(
                power,
                _sm_power(p_a, p_b, n, alpha, alternative),
                what=call,
                rtol=RTOL,
                atol=P_ATOL,
                note="Power is the chance that the test rejects when the true rates "
                "are p_a and p_b: with h = 2 asin(sqrt(p_a)) - 2 asin(sqrt(p_b)), the "
                "statistic is normal with mean h * sqrt(n / 2); a two-sided test "
                "rejects in BOTH tails.",
            )
    _expect_defaults(m.ab_power, (0.12, 0.10, 1500), {"alpha": 0.05, "alternative": "two-sided"})


# (p_a, p_b, alpha, power, the one-sided alternative in the direction of the difference)
SIZE_CASES = [
    (0.12, 0.10, 0.05, 0.8, "greater"),
    (0.45, 0.38, 0.01, 0.9, "greater"),
    (0.05, 0.07, 0.05, 0.8, "less"),
]


@check("sample_size is the smallest n per group that reaches the power", hint="sample_size")
def sample_size_is_smallest(ctx: Context) -> None:
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    m = _module(ctx)
    for p_a, p_b, alpha, power, one_sided in SIZE_CASES:
        for alternative in ("two-sided", one_sided):
            call = (
                f"sample_size({p_a}, {p_b}, alpha={alpha}, power={power}, "
                f"alternative={alternative!r})"
            )
            n = _call(
                m.sample_size, call, p_a, p_b, alpha=alpha, power=power, alternative=alternative
            )
            expect(
                isinstance(n, int | np.integer) and not isinstance(n, bool),
                f"{call} returned {n!r}: a sample size is a whole number of people (an int).",
            )
            exact = NormalIndPower().solve_power(
                proportion_effectsize(p_a, p_b),
                nobs1=None,
                alpha=alpha,
                power=power,
                ratio=1.0,
                alternative=SM_ALTERNATIVE[alternative],
            )
            want = int(np.ceil(float(exact)))
            reached = _sm_power(p_a, p_b, int(n), alpha, alternative)
            if int(n) < want:
                fail(
                    f"{call} returned {n}: with {n} per group the power is only {reached:.4f} "
                    f"< {power}. Round the n of the formula UP; the smallest n is {want}."
                )
            if int(n) > want:
                fail(
                    f"{call} returned {n}, but {want} per group already reach power {power} "
                    f"({_sm_power(p_a, p_b, want, alpha, alternative):.4f}): return the "
                    "SMALLEST such n."
                )
    defaults = {"alpha": 0.05, "power": 0.8, "alternative": "two-sided"}
    _expect_defaults(m.sample_size, (0.12, 0.10), defaults)


def _expect_defaults(
    func: Callable[..., Any], args: tuple[Any, ...], defaults: dict[str, Any]
) -> None:
    """The function called without keywords gives what the brief's defaults give."""
    name = func.__name__
    shown = ", ".join(map(str, args))
    got = _call(func, f"{name}({shown})", *args)
    want = _call(func, f"{name}({shown}, **{defaults})", *args, **defaults)
    expect(
        got == want,
        f"{name}({shown}) returned {got!r}, but with the brief's defaults {defaults} it "
        f"returns {want!r}: keep the defaults of the starter.",
    )


# --- multiple comparisons --------------------------------------------------------------------


SM_METHOD = {"bonferroni": "bonferroni", "holm": "holm", "bh": "fdr_bh"}


@cache
def _neighbourhood_p_values() -> tuple[tuple[str, ...], np.ndarray]:
    """Welch p-values of each neighbourhood of 20 houses or more against all other houses."""
    from scipy import stats

    ames = _ames()
    counts = ames["neighborhood"].value_counts()
    names = tuple(sorted(counts[counts >= 20].index))
    prices = ames["sale_price"].to_numpy(dtype=float)
    p = [
        stats.ttest_ind(prices[inside], prices[~inside], equal_var=False).pvalue
        for inside in ((ames["neighborhood"] == name).to_numpy() for name in names)
    ]
    return names, np.asarray(p)


RULE = {
    "bonferroni": "Bonferroni multiplies each by the number of tests m.",
    "holm": "Holm multiplies the i-th smallest (from 1) by m - i + 1, then takes a running "
    "maximum so that they never decrease.",
    "bh": "Benjamini-Hochberg multiplies the i-th smallest by m / i, then takes a running "
    "minimum from the largest down.",
}
# Ties, unsorted, a large one; a single p-value; the bounds 0 and 1.
SMALL_P = [[0.04, 0.01, 0.03, 0.04, 0.2, 0.005, 0.9, 0.031], [0.03], [0.0, 0.5, 1.0]]


@check("adjust_p_values matches statsmodels' multipletests", hint="multiple")
def adjusted_p_values_match_statsmodels(ctx: Context) -> None:
    from statsmodels.stats.multitest import multipletests

    m = _module(ctx)
    names, ames_p = _neighbourhood_p_values()
    cases = [
        (f"the {len(names)} Welch p-values of each Ames neighbourhood against the rest", ames_p),
        *((f"{small}", np.asarray(small)) for small in SMALL_P),
    ]
    for what, p_values in cases:
        for method in SM_METHOD:
            call = f"adjust_p_values({what}, method={method!r})"
            got = np.asarray(_call(m.adjust_p_values, call, p_values.copy(), method=method))
            want = multipletests(p_values, method=SM_METHOD[method])[1]
            expect(
                got.shape == want.shape,
                f"{call} has shape {got.shape}: one adjusted p-value per input, expected "
                f"{want.shape}.",
            )
            expect_close(
                got,
                want,
                what=call,
                rtol=RTOL,
                atol=P_ATOL,
                note=f"Return them in the INPUT's order, capped at 1. {RULE[method]}",
            )


# --- permutation test ------------------------------------------------------------------------


def _exact_p(x: np.ndarray, y: np.ndarray, alternative: str) -> float:
    """The exact permutation p-value of mean(x) - mean(y) over every split of the pooled data."""
    pooled = np.concatenate([x, y])
    splits = np.array(list(itertools.combinations(range(len(pooled)), len(x))))
    in_x = np.zeros((len(splits), len(pooled)), dtype=bool)
    np.put_along_axis(in_x, splits, True, axis=1)
    total = pooled.sum()
    sum_x = in_x.astype(float) @ pooled
    diffs = sum_x / len(x) - (total - sum_x) / len(y)
    observed = x.mean() - y.mean()
    slack = 1e-9 * abs(observed)
    if alternative == "greater":
        return float(np.mean(diffs >= observed - slack))
    if alternative == "less":
        return float(np.mean(diffs <= observed + slack))
    return float(np.mean(np.abs(diffs) >= abs(observed) - slack))


# Tenths: many splits have the observed sum exactly, but their float means differ from the
# observed one by rounding (0.1 + 0.2 != 0.3): a tie must count however it is rounded.
TENTHS = ([0.1, 0.2, 0.4, 0.7], [0.3, 0.5, 0.6, 0.8, 0.9])


def _survived_small() -> tuple[np.ndarray, np.ndarray]:
    """Survival (0 or 1) of the first 8 women and the first 7 men of 3rd class: many ties."""
    titanic = _titanic()
    third = titanic[titanic["pclass"] == 3]
    survived = {
        sex: third.loc[third["sex"] == sex, "survived"].to_numpy(dtype=float)
        for sex in ("female", "male")
    }
    return survived["female"][:8], survived["male"][:7]


def _small_samples() -> tuple[np.ndarray, np.ndarray]:
    """7 sale prices of Mitchel and 6 of NWAmes (the first of each in the data's order)."""
    return _prices("Mitchel")[:7], _prices("NWAmes")[:6]


@check(
    "permutation_test gives the exact permutation p-value, up to Monte Carlo noise",
    hint="permutation",
)
def permutation_matches_exact(ctx: Context) -> None:
    m = _module(ctx)
    x, y = _small_samples()
    shown = "permutation_test(7 prices of Mitchel, 6 of NWAmes"
    ties_x, ties_y = _survived_small()
    tenths_x, tenths_y = np.array(TENTHS[0]), np.array(TENTHS[1])
    for label, a, b, splits in (
        ("7 prices of Mitchel, 6 of NWAmes", x, y, "1,716"),
        ("survived (0/1) of 8 women, 7 men of 3rd class", ties_x, ties_y, "6,435"),
        (f"{TENTHS[0]}, {TENTHS[1]}", tenths_x, tenths_y, "126"),
        (f"{TENTHS[1]}, {TENTHS[0]}", tenths_y, tenths_x, "126"),
    ):
        for alternative in ALTERNATIVES:
            call = (
                f"permutation_test({label}, n_resamples={PERM_RESAMPLES}, "
                f"alternative={alternative!r}, seed=0)"
            )
            (p,) = _numbers(
                _call(
                    m.permutation_test,
                    call,
                    a,
                    b,
                    n_resamples=PERM_RESAMPLES,
                    alternative=alternative,
                    seed=0,
                ),
                1,
                call,
            )
            exact = _exact_p(a, b, alternative)
            expect(
                abs(p - exact) <= PERM_TOLERANCE,
                f"{call} returned {p:.4f}; the exact p-value over all {splits} splits is "
                f"{exact:.4f} (tolerance {PERM_TOLERANCE} for Monte Carlo noise). The statistic "
                "is mean(x) - mean(y); a resample is extreme when its statistic is >= the "
                "observed one ('greater'), <= ('less'), or |statistic| >= |observed| "
                "('two-sided'): ties count.",
            )
    # Two unseeded runs of 999 resamples give the same p-value by chance a few times in a
    # hundred; over four seeds that chance is about one in a million.
    for seed in SAME_SEEDS:
        call = f"{shown}, seed={seed})"
        again, repeat = (
            _call(m.permutation_test, call, x, y, n_resamples=FLOOR_RESAMPLES, seed=seed)
            for _ in range(2)
        )
        expect(
            float(again) == float(repeat),
            f"{call} returned {again} and then {repeat}: the same seed must give the same "
            "p-value (np.random.default_rng(seed)).",
        )
    apart_x, apart_y = np.arange(20.0) + 100.0, np.arange(20.0)
    call = f"permutation_test(100..119, 0..19, n_resamples={FLOOR_RESAMPLES}, seed=0)"
    (p,) = _numbers(
        _call(m.permutation_test, call, apart_x, apart_y, n_resamples=FLOOR_RESAMPLES, seed=0),
        1,
        call,
    )
    floor = 1 / (FLOOR_RESAMPLES + 1)
    expect(
        abs(p - floor) < 1e-12,
        f"{call} returned {p!r}: no resample comes near the observed difference, so the "
        f"p-value is (1 + 0) / (1 + {FLOOR_RESAMPLES}) = {floor}. Count the observed data "
        "as one of the resamples: a permutation p-value is never 0.",
    )


# --- bootstrap intervals ---------------------------------------------------------------------


def _interval(m: ModuleType, call: str, *args: Any, **kwargs: Any) -> tuple[float, float]:
    low, high = _numbers(_call(m.bootstrap_ci, call, *args, **kwargs), 2, call)
    expect(low <= high, f"{call} returned ({low:.6g}, {high:.6g}): low must not exceed high.")
    return low, high


def _expect_like_scipy(
    m: ModuleType,
    data: np.ndarray,
    statistic: Callable[..., Any],
    label: str,
    method: str,
    level: float,
    *,
    n_resamples: int = CI_RESAMPLES,
    tolerance: float = CI_TOLERANCE,
) -> None:
    from scipy import stats

    call = (
        f"bootstrap_ci({label}, np.{statistic.__name__}, level={level}, "
        f"n_resamples={n_resamples}, method={method!r}, seed=0)"
    )
    low, high = _interval(
        m, call, data, statistic, level=level, n_resamples=n_resamples, method=method, seed=0
    )
    ref = stats.bootstrap(
        (data,),
        statistic,
        confidence_level=level,
        n_resamples=2 * n_resamples if n_resamples > CI_RESAMPLES else 5 * n_resamples,
        method="BCa" if method == "bca" else "percentile",
        rng=np.random.default_rng(1),
    ).confidence_interval
    width = float(ref.high - ref.low)
    off = max(abs(low - ref.low), abs(high - ref.high)) / width
    expect(
        off <= tolerance,
        f"{call} returned ({low:.6g}, {high:.6g}); scipy.stats.bootstrap gives ({ref.low:.6g}, "
        f"{ref.high:.6g}): an endpoint is off by {off:.3f} of the interval's width (tolerance "
        f"{tolerance} for Monte Carlo noise).",
    )


@check("bootstrap_ci(method='percentile') matches scipy.stats.bootstrap", hint="bootstrap")
def percentile_ci_matches_scipy(ctx: Context) -> None:
    m = _module(ctx)
    for neighbourhood, statistic, level in (
        ("StoneBr", np.median, 0.95),
        ("MeadowV", np.mean, 0.5),
    ):
        _expect_like_scipy(
            m, _prices(neighbourhood), statistic, f"prices of {neighbourhood}", "percentile", level
        )
    data = _prices("MeadowV")
    call = "bootstrap_ci(prices of MeadowV, seed=3)"
    first, second = _interval(m, call, data, seed=3), _interval(m, call, data, seed=3)
    expect(
        first == second,
        f"{call} returned {first} and then {second}: the same seed must give the same "
        "interval (np.random.default_rng(seed)).",
    )


@check("bootstrap_ci(method='bca') matches scipy.stats.bootstrap's BCa", hint="bca")
def bca_ci_matches_scipy(ctx: Context) -> None:
    m = _module(ctx)
    for neighbourhood, statistic in (("Veenker", np.std), ("Blmngtn", np.std)):
        _expect_like_scipy(
            m, _prices(neighbourhood), statistic, f"prices of {neighbourhood}", "bca", 0.95
        )
    _expect_like_scipy(
        m,
        _prices("Greens") / 1e6,
        np.std,
        "prices of Greens in millions",
        "bca",
        0.95,
        n_resamples=FINE_RESAMPLES,
        tolerance=FINE_TOLERANCE,
    )


# --- bad input -------------------------------------------------------------------------------


BAD_CALLS: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = [
    (
        "bootstrap_ci([1.0, 2.0, 3.0], level=1.5)",
        "bootstrap_ci",
        ([1.0, 2.0, 3.0],),
        {"level": 1.5},
    ),
    (
        "bootstrap_ci([1.0, 2.0, 3.0], method='normal')",
        "bootstrap_ci",
        ([1.0, 2.0, 3.0],),
        {"method": "normal"},
    ),
    ("bootstrap_ci([])", "bootstrap_ci", ([],), {}),
    (
        "bootstrap_ci([1.0, 2.0, 3.0], level=1.0)",
        "bootstrap_ci",
        ([1.0, 2.0, 3.0],),
        {"level": 1.0},
    ),
    (
        "welch_ttest([1.0, nan, 3.0], [2.0, 3.0])",
        "welch_ttest",
        ([1.0, np.nan, 3.0], [2.0, 3.0]),
        {},
    ),
    ("welch_ttest([2.0, 2.0, 2.0], [5.0, 5.0])", "welch_ttest", ([2.0, 2.0, 2.0], [5.0, 5.0]), {}),
    ("two_proportion_ztest(0, 10, 0, 12)", "two_proportion_ztest", (0, 10, 0, 12), {}),
    ("two_proportion_ztest(0, 0, 1, 10)", "two_proportion_ztest", (0, 0, 1, 10), {}),
    ("ab_power(0.0, 0.1, 100)", "ab_power", (0.0, 0.1, 100), {}),
    ("ab_power(0.1, 0.2, 0)", "ab_power", (0.1, 0.2, 0), {}),
    ("adjust_p_values([])", "adjust_p_values", ([],), {}),
    ("adjust_p_values([[0.01, 0.02]])", "adjust_p_values", ([[0.01, 0.02]],), {}),
    ("permutation_test([], [1.0, 2.0])", "permutation_test", ([], [1.0, 2.0]), {}),
    ("permutation_test([1.0, 2.0], [])", "permutation_test", ([1.0, 2.0], []), {}),
    (
        "permutation_test([1.0, 2.0], [3.0, 4.0], alternative='both')",
        "permutation_test",
        ([1.0, 2.0], [3.0, 4.0]),
        {"alternative": "both"},
    ),
    ("two_proportion_ztest(12, 10, 3, 10)", "two_proportion_ztest", (12, 10, 3, 10), {}),
    ("welch_ttest([1.0], [2.0, 3.0])", "welch_ttest", ([1.0], [2.0, 3.0]), {}),
    ("ab_power(0.1, 1.2, 100)", "ab_power", (0.1, 1.2, 100), {}),
    ("sample_size(0.1, 0.1)", "sample_size", (0.1, 0.1), {}),
    (
        "sample_size(0.05, 0.07, alternative='greater')",
        "sample_size",
        (0.05, 0.07),
        {"alternative": "greater"},
    ),
    ("adjust_p_values([0.01, 1.5])", "adjust_p_values", ([0.01, 1.5],), {}),
    (
        "adjust_p_values([0.01, 0.02], method='sidak')",
        "adjust_p_values",
        ([0.01, 0.02],),
        {"method": "sidak"},
    ),
]


@check("invalid input raises ValueError with a message", hint="errors")
def invalid_input_raises(ctx: Context) -> None:
    m = _module(ctx)
    for call, name, args, kwargs in BAD_CALLS:
        try:
            with _quiet():
                result = getattr(m, name)(*args, **kwargs)
        except NotImplementedError:
            raise
        except ValueError as exc:
            expect(
                bool(str(exc).strip()),
                f"{call} raised ValueError without a message: say what is wrong.",
            )
            continue
        except Exception as exc:
            fail(
                f"{call} raised {type(exc).__name__}: {exc}; expected ValueError with a "
                "message that says what is wrong."
            )
        fail(
            f"{call} returned {result!r}; expected it to raise ValueError (see the brief's "
            "Errors list)."
        )


# --- coverage: the expensive check, last -----------------------------------------------------


@check("95% bootstrap intervals cover the true mean in 93% to 97% of samples", hint="coverage")
def intervals_cover_the_truth(ctx: Context) -> None:
    m = _module(ctx)
    population = np.log(_ames()["sale_price"].to_numpy(dtype=float))
    truth = float(population.mean())
    samples = np.random.default_rng(COVERAGE_SEED).choice(
        population, size=(COVERAGE_SAMPLES, COVERAGE_N)
    )
    for method in ("percentile", "bca"):
        call = f"bootstrap_ci(sample i, np.mean, method={method!r}, seed=i)"
        covered = 0
        for i, sample in enumerate(samples):
            low, high = _interval(
                m, call, sample, np.mean, n_resamples=COVERAGE_RESAMPLES, method=method, seed=i
            )
            covered += low <= truth <= high
        coverage = ctx.record(f"coverage_{method}", covered / COVERAGE_SAMPLES)
        expect(
            COVERAGE_LOW <= coverage <= COVERAGE_HIGH,
            f"method={method!r}: over {COVERAGE_SAMPLES} samples of {COVERAGE_N} Ames houses, "
            f"your 95% interval of the mean log price (n_resamples={COVERAGE_RESAMPLES}, "
            f"seed=i) contains the true mean in {coverage:.3f} of them, not {COVERAGE_LOW} to "
            f"{COVERAGE_HIGH}. "
            + ("Too wide" if coverage > COVERAGE_HIGH else "Too narrow")
            + ": read the (1 - level) / 2 and (1 + level) / 2 quantiles of the statistics of "
            "resamples as large as the sample, drawn WITH replacement.",
        )
