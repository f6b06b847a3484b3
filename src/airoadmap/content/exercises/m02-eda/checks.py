"""Checks of m02-eda: EDA statistics judged against scipy and pandas, figures read artist by artist.

Every data set is made here with a fixed seed, small and shaped so that each usual mistake
gives a different number (a fraction instead of a percent, Student's t instead of Welch's, a
difference instead of a ratio...), and the failure can name the mistake. The statistics are
compared with scipy.stats / pandas computed here. A figure is judged by what the returned
matplotlib Figure holds (its bars and their lengths, lines, points, labels, title; see
airoadmap.grading.figures), never by its pixels: any style, colour or orientation allowed by
the brief passes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.grading.api import Context, check, expect, expect_close, fail
from airoadmap.grading.figures import AxesSummary, expect_figure

MODULE = "eda"


# --- helpers -------------------------------------------------------------------------------


def _eda(ctx: Context) -> ModuleType:
    return ctx.load(MODULE)


def _func(ctx: Context, name: str) -> Callable[..., Any]:
    func = getattr(_eda(ctx), name, None)
    if not callable(func):
        fail(f"eda.py defines no function {name}: keep the function names of the starter.")
    return func


@contextmanager
def _figures() -> Iterator[None]:
    """Agg backend, no figure left open before or after (learner figures are closed here)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.close("all")
    try:
        yield
    finally:
        plt.close("all")


def _raises_value_error(func: Callable[..., Any], *args: Any, call: str, why: str) -> None:
    """Fail unless `func(*args)` raises ValueError (NotImplementedError passes through)."""
    try:
        result = func(*args)
    except NotImplementedError:
        raise
    except ValueError:
        return
    except Exception as exc:
        fail(f"{call} raised {type(exc).__name__}: {exc}; expected a ValueError ({why}).")
    fail(f"{call} returned {result!r}; expected it to raise ValueError ({why}).")


def _float(value: Any, *, what: str) -> float:
    """A number the learner returned, as a float (fails on None, strings, arrays)."""
    if isinstance(value, bool) or value is None:
        fail(f"{what} is {value!r}, expected a number. (Did you forget a return statement?)")
    try:
        return float(value)
    except (TypeError, ValueError):
        fail(f"{what} is {value!r}, expected a number.")


def _pair(result: Any, *, call: str) -> tuple[float, float]:
    """(statistic, p_value) from whatever two-item result the learner returned."""
    try:
        statistic, p_value = result
    except (TypeError, ValueError):
        fail(f"{call} returned {result!r}; expected a tuple (statistic, p_value).")
    return _float(statistic, what=f"the statistic of {call}"), _float(
        p_value, what=f"the p-value of {call}"
    )


def _bar_map(ax: AxesSummary, *, call: str) -> dict[str, float]:
    """Category label -> bar length, pairing the bars with the ticks of their axis."""
    labels = ax.category_ticklabels
    values = ax.bar_values
    if len(labels) != len(values):
        fail(
            f"{call}: {len(values)} bars but {len(labels)} category labels on their axis: "
            "label each bar with its category (pass the labels as the bars' positions, e.g. "
            "ax.bar(labels, heights), or set them with ax.set_xticks(positions, labels))."
        )
    return dict(zip(labels, values, strict=True))


def _expect_labels(ax: AxesSummary, *, call: str, x_has: str = "", y_has: str = "") -> None:
    """Axis labels present (containing the given text) and a title."""
    for axis, label, needed in (("x", ax.xlabel, x_has), ("y", ax.ylabel, y_has)):
        if not label:
            fail(
                f"{call}: the {axis} axis has no label. A reader must know what the axis "
                f"measures: ax.set_{axis}label(...)"
                + (f", here with {needed!r} in it." if needed else ".")
            )
        if needed and needed.lower() not in label.lower():
            fail(f"{call}: the {axis} axis label is {label!r}; it should name {needed!r}.")
    expect(bool(ax.title), f"{call}: the plot has no title: ax.set_title(...).")


# --- missing values ------------------------------------------------------------------------


def _missing_frame() -> pd.DataFrame:
    """8 rows; age 3 missing (NaN), city 2 (None), when 2 (NaT), score 1 (pd.NA); id, flag none."""
    return pd.DataFrame(
        {
            "id": range(8),
            "score": pd.array([1, 2, None, 4, 5, 6, 7, 8], dtype="Int64"),
            "city": pd.Series(["Oslo", None, "Rome", "Lima", None, "Oslo", "Rome", "Lima"]),
            "when": pd.to_datetime(
                [
                    "2024-01-01",
                    None,
                    "2024-01-03",
                    "2024-01-04",
                    "2024-01-05",
                    None,
                    "2024-01-07",
                    "2024-01-08",
                ]
            ),
            "age": [22.0, np.nan, 35.0, np.nan, np.nan, 41.0, 19.0, 60.0],
            "flag": [True, False] * 4,
        }
    )


MISSING_EXPECTED = {"age": 3, "city": 2, "when": 2, "score": 1}  # in the order expected


@check("missing_summary counts missing values per column", hint="missing")
def missing_summary_counts(ctx: Context) -> None:
    missing_summary = _func(ctx, "missing_summary")
    df = _missing_frame()
    before = df.copy()
    call = "missing_summary(df)"
    out = missing_summary(df)
    expect(df.equals(before), f"{call} changed the frame it was given: work on a copy.")
    if not isinstance(out, pd.DataFrame):
        fail(f"{call} returned {type(out).__name__}, expected a DataFrame.")
    needed = {"n_missing", "pct_missing"}
    expect(
        needed <= set(out.columns),
        f"{call} has columns {list(out.columns)}; expected n_missing and pct_missing.",
    )
    rows = [str(i) for i in out.index]
    complete = sorted({"id", "flag"} & set(rows))
    expect(
        not complete,
        f"{call} lists {complete}, which have no missing value: keep only the columns with "
        "at least one (counts > 0).",
    )
    absent = [c for c in MISSING_EXPECTED if c not in rows]
    expect(
        not absent,
        f"{call} leaves out {absent}, which have missing values. Count with df.isna(): it "
        "knows every missing marker (NaN, None, NaT, pd.NA).",
    )
    counts = {str(i): out.loc[i, "n_missing"] for i in out.index}
    wrong = {c: counts[c] for c, n in MISSING_EXPECTED.items() if counts[c] != n}
    expect(not wrong, f"{call}: n_missing {wrong}, expected {MISSING_EXPECTED}.")
    expect(
        pd.api.types.is_integer_dtype(out["n_missing"]),
        f"{call}: n_missing has dtype {out['n_missing'].dtype}; counts are integers "
        "(.astype(int)).",
    )
    pct = np.array([float(out.loc[i, "pct_missing"]) for i in out.index])
    expected_pct = np.array([100.0 * MISSING_EXPECTED[r] / len(df) for r in rows])
    if np.allclose(pct, expected_pct / 100.0):
        fail(
            f"{call}: pct_missing is a fraction ({pct[0]:g} for age); it should be a percent "
            "of the rows, 0-100: multiply by 100."
        )
    expect_close(
        pct,
        expected_pct,
        what=f"pct_missing of {call}",
        note="It is 100 * n_missing / number of rows (8 here).",
    )
    expect(
        rows == list(MISSING_EXPECTED),
        f"{call} lists the columns in the order {rows}; expected {list(MISSING_EXPECTED)}: most "
        "missing first, ties in the frame's column order (sort_values(ascending=False, "
        'kind="stable")).',
    )
    none = missing_summary(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}))
    expect(
        isinstance(none, pd.DataFrame) and len(none) == 0 and needed <= set(none.columns),
        "missing_summary of a frame without missing values should be an empty DataFrame "
        f"with the columns n_missing and pct_missing; got {none!r}.",
    )


# --- outliers ------------------------------------------------------------------------------

# 40 values in 4 blocks: Q1 = 12.5 and Q3 = 37.5 (pandas' linear quartiles) whatever the two
# extreme values added below and above, so IQR = 25 and the 1.5 fences are -25 and 75.
_BLOCKS = [10.0] * 10 + [20.0] * 10 + [30.0] * 10 + [40.0] * 10


def _reference_outliers(series: pd.Series, k: float) -> pd.Series:
    q1, q3 = series.quantile(0.25), series.quantile(0.75)
    iqr = q3 - q1
    return ((series < q1 - k * iqr) | (series > q3 + k * iqr)).astype(bool)


@check("iqr_outliers flags values outside Tukey's fences", hint="outliers")
def iqr_outliers_fences(ctx: Context) -> None:
    iqr_outliers = _func(ctx, "iqr_outliers")
    values = [-25.5, *_BLOCKS, 75.0, np.nan]  # -25.5: outlier; 75.0: exactly on the fence
    index = [f"r{i}" for i in range(len(values))]
    series = pd.Series(values, index=index, name="price")
    call = "iqr_outliers(series)"
    out = iqr_outliers(series.copy())
    if not isinstance(out, pd.Series):
        fail(f"{call} returned {type(out).__name__}, expected a bool Series.")
    expect(
        out.index.equals(series.index),
        f"{call}: the result's index is not the series' index; return a Series aligned with "
        "the input (comparisons such as series < low keep it).",
    )
    expect(
        pd.api.types.is_bool_dtype(out),
        f"{call} has dtype {out.dtype}; expected bool (.astype(bool)).",
    )
    # One huge value inflates the standard deviation and hides a smaller outlier from
    # mean +- k * std (masking); the quartiles do not move.
    masked = pd.Series([*_BLOCKS, 76.0, 1000.0], name="price")
    got = iqr_outliers(masked)
    z_rule = ((masked - masked.mean()).abs() > 1.5 * masked.std()).to_numpy()
    if isinstance(got, pd.Series) and len(got) == len(masked):
        flags = got.to_numpy(dtype=bool)
        if np.array_equal(flags, z_rule) and not np.array_equal(
            flags, _reference_outliers(masked, 1.5).to_numpy()
        ):
            fail(
                "iqr_outliers flags only 1000 in [40 values from 10 to 40, 76, 1000]: that is "
                "the rule |x - mean| > k * std, where 1000 inflates the std and hides 76. "
                "Tukey's fences use the quartiles (Q1 - k * IQR, Q3 + k * IQR), which the "
                "outliers cannot drag: 76 is above Q3 + 1.5 * IQR = 70."
            )
    flagged = out.to_numpy(dtype=bool)
    expected = _reference_outliers(series, 1.5).to_numpy(dtype=bool)
    if bool(flagged[-1]):
        fail(f"{call} flags the missing value: a missing value is never an outlier.")
    if bool(flagged[-2]) and not expected[-2]:
        fail(
            f"{call} flags 75.0, which lies exactly on the upper fence Q3 + 1.5 * IQR = 75: "
            "only values strictly outside the fences are outliers (use < and >)."
        )
    if not flagged.any() and expected.any():
        fail(
            f"{call} flags nothing, expected -25.5 (below the lower fence -25). If the "
            "quartiles came out NaN, skip the missing values: series.quantile(0.25) does."
        )
    expect(
        np.array_equal(flagged, expected),
        f"{call} flags {list(series[flagged].round(2))}, expected "
        f"{list(series[expected].round(2))} (Q1 = 12.5, Q3 = 37.5, fences -25 and 75).",
    )
    wide = pd.Series([-70.0, *_BLOCKS, 80.0, 120.0], name="price")
    for k in (3.0, 1.0):
        got = iqr_outliers(wide, k=k)
        want = _reference_outliers(wide, k)
        if not (isinstance(got, pd.Series) and np.array_equal(got.to_numpy(dtype=bool), want)):
            shown = list(wide[got.to_numpy(dtype=bool)]) if isinstance(got, pd.Series) else got
            fail(
                f"iqr_outliers(series, k={k:g}) flags {shown!r}, expected {list(wide[want])}: "
                "the fences are Q1 - k * IQR and Q3 + k * IQR with the k given."
            )


# --- Cramér's V ----------------------------------------------------------------------------


def _from_table(table: list[list[int]], rows: list[str], cols: list[str]) -> tuple[list, list]:
    """Two aligned lists whose contingency table is `table`."""
    x: list[str] = []
    y: list[str] = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            x += [rows[i]] * count
            y += [cols[j]] * count
    return x, y


def _cramer_reference(x: Any, y: Any, *, correction: bool = False) -> float:
    from scipy.stats.contingency import association

    pairs = pd.DataFrame({"x": list(x), "y": list(y)}).dropna()
    table = pd.crosstab(pairs["x"], pairs["y"]).to_numpy()
    return float(association(table, method="cramer", correction=correction))


@check("cramers_v equals scipy's Cramér's V", hint="cramers_v")
def cramers_v_matches_scipy(ctx: Context) -> None:
    from scipy.stats import chi2_contingency

    cramers_v = _func(ctx, "cramers_v")
    # 2 x 2: Yates' correction would change the value; 3 x 4: min(r, c) - 1 = 2 matters.
    x2, y2 = _from_table([[30, 10], [15, 25]], ["female", "male"], ["died", "lived"])
    rng = np.random.default_rng(7)
    x3 = list(rng.choice(["first", "second", "third"], 240, p=[0.25, 0.25, 0.5]))
    y3 = [
        rng.choice(["C", "Q", "S", "X"], p=p)
        for p in (
            [0.4, 0.1, 0.4, 0.1]
            if v == "first"
            else [0.1, 0.2, 0.6, 0.1]
            if v == "second"
            else [0.1, 0.3, 0.3, 0.3]
            for v in x3
        )
    ]
    cases = {"a 2 x 2 table": (x2, y2), "a 3 x 4 table": (x3, y3)}
    for name, (x, y) in cases.items():
        call = f"cramers_v(x, y) on {name}"
        got = _float(cramers_v(pd.Series(x), pd.Series(y)), what=call)
        want = _cramer_reference(x, y)
        table = pd.crosstab(pd.Series(x), pd.Series(y)).to_numpy()
        chi2 = chi2_contingency(table, correction=False).statistic
        n = table.sum()
        mistakes = {
            "equals V with Yates' continuity correction: call chi2_contingency(table, "
            "correction=False); the correction adjusts 2 x 2 p-values, it is not part of "
            "Cramér's V.": _cramer_reference(x, y, correction=True),
            "equals V squared: take the square root, V = sqrt(chi2 / (n * (min(r, c) - 1))).": (
                want**2
            ),
            "equals sqrt(chi2 / n): divide by n * (min(r, c) - 1), the largest chi2 can be, "
            "so that V reaches 1 for a perfect association.": float(np.sqrt(chi2 / n)),
        }
        if not np.isclose(got, want, rtol=1e-6):
            for message, wrong in mistakes.items():
                if np.isclose(got, wrong, rtol=1e-6):
                    fail(f"{call} = {got:.6g} {message}")
        expect_close(got, want, what=call, rtol=1e-6, note="(scipy.stats.contingency.association)")
    labels = ["red", "green", "blue"] * 10
    perfect = _float(cramers_v(labels, [f"is {c}" for c in labels]), what="cramers_v(x, f(x))")
    expect_close(
        perfect, 1.0, what="cramers_v(x, y) when y is a function of x", rtol=1e-9, atol=1e-9
    )
    xm = [*x2, None, "female", np.nan]
    ym = [*y2, "lived", np.nan, "died"]
    got = _float(cramers_v(xm, ym), what="cramers_v with missing values")
    expect_close(
        got,
        _cramer_reference(x2, y2),
        what="cramers_v(x, y) with 3 pairs holding a missing value",
        rtol=1e-6,
        note="Drop every pair where x or y is missing before building the table.",
    )
    _raises_value_error(
        cramers_v,
        ["a"] * 6,
        ["u", "v"] * 3,
        call="cramers_v(['a'] * 6, ['u', 'v'] * 3)",
        why="one category in x: min(r, c) - 1 = 0, V is undefined",
    )


# --- two-group tests -----------------------------------------------------------------------


def _welch_data() -> tuple[pd.Series, pd.Series]:
    """Unequal sizes and spreads (Student's t is wrong here); labels not in sorted order."""
    rng = np.random.default_rng(11)
    treated = rng.normal(11.5, 4.0, 40)
    control = rng.normal(10.0, 1.0, 15)
    values = np.concatenate([treated, control, [np.nan, 12.0]])
    groups = ["treated"] * 40 + ["control"] * 15 + ["control", None]
    index = pd.RangeIndex(100, 100 + len(values))
    return pd.Series(values, index=index, name="value"), pd.Series(groups, index=index)


@check("two_group_test: Welch's t-test equals scipy", hint="tests")
def welch_test_matches_scipy(ctx: Context) -> None:
    from scipy import stats

    two_group_test = _func(ctx, "two_group_test")
    values, groups = _welch_data()
    ok = values.notna() & groups.notna()
    a = values[ok & (groups == "control")].to_numpy()
    b = values[ok & (groups == "treated")].to_numpy()
    ref = stats.ttest_ind(a, b, equal_var=False)
    student = stats.ttest_ind(a, b, equal_var=True)
    call = "two_group_test(values, groups)"
    t, p = _pair(two_group_test(values, groups), call=call)
    if np.isnan(t) or np.isnan(p):
        fail(f"{call} = ({t}, {p}): drop the rows with a missing value or a missing group first.")
    if np.isclose(t, -ref.statistic, rtol=1e-6) and not np.isclose(t, ref.statistic, rtol=1e-6):
        fail(
            f"{call}: t = {t:.6g} has the wrong sign: take the groups in sorted order, "
            "a = 'control' (the smaller label), b = 'treated', and test a against b."
        )
    if np.isclose(abs(t), abs(student.statistic), rtol=1e-6) or np.isclose(
        p, student.pvalue, rtol=1e-6
    ):
        fail(
            f"{call} = ({t:.6g}, {p:.6g}) is Student's t-test, which assumes equal variances; "
            f"here they differ 16-fold. Welch's: ttest_ind(a, b, equal_var=False) gives "
            f"({ref.statistic:.6g}, {ref.pvalue:.6g})."
        )
    if np.isclose(p, ref.pvalue / 2, rtol=1e-6) or np.isclose(p, 1 - ref.pvalue / 2, rtol=1e-6):
        fail(
            f"{call}: p = {p:.6g} is a one-sided p-value; the contract asks for two-sided "
            f"({ref.pvalue:.6g}): it tests whether the means differ in either direction."
        )
    expect_close(t, ref.statistic, what=f"the t statistic of {call}", rtol=1e-6)
    expect_close(p, ref.pvalue, what=f"the p-value of {call}", rtol=1e-6)
    for kind, v, g in (
        ("NumPy arrays", values.to_numpy(), groups.to_numpy(dtype=object)),
        ("lists", values.tolist(), groups.tolist()),
    ):
        t2, p2 = _pair(two_group_test(v, g, "welch"), call=f"two_group_test on {kind}")
        expect_close(
            (t2, p2),
            (ref.statistic, ref.pvalue),
            what=f"two_group_test(values, groups, 'welch') on {kind}",
            rtol=1e-6,
        )


@check("two_group_test: the Mann-Whitney U test equals scipy", hint="tests")
def mannwhitney_matches_scipy(ctx: Context) -> None:
    from scipy import stats

    two_group_test = _func(ctx, "two_group_test")
    rng = np.random.default_rng(3)
    # Skewed fares with ties (rounded), groups 0 and 1 as on Titanic.
    died = np.round(rng.lognormal(2.5, 0.9, 30))
    lived = np.round(rng.lognormal(3.0, 1.0, 25))
    values = pd.Series(np.concatenate([lived, died]))
    groups = pd.Series([1] * 25 + [0] * 30)
    ref = stats.mannwhitneyu(died, lived, alternative="two-sided")
    call = "two_group_test(fares, survived, method='mannwhitney')"
    u, p = _pair(two_group_test(values, groups, method="mannwhitney"), call=call)
    other = len(died) * len(lived) - ref.statistic
    if np.isclose(u, other, rtol=1e-9) and not np.isclose(u, ref.statistic, rtol=1e-9):
        fail(
            f"{call}: U = {u:g} is the U of group 1; the contract asks for U of the first "
            f"group in sorted order (0), {ref.statistic:g}: mannwhitneyu(a, b) with a the "
            "values of group 0."
        )
    expect_close(u, ref.statistic, what=f"U of {call}", rtol=1e-9)
    expect_close(
        p,
        ref.pvalue,
        what=f"the p-value of {call}",
        rtol=1e-6,
        note='(scipy.stats.mannwhitneyu(a, b, alternative="two-sided"))',
    )


@check("two_group_test refuses what it cannot test", hint="tests")
def two_group_test_rejects_bad_input(ctx: Context) -> None:
    two_group_test = _func(ctx, "two_group_test")
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]
    _raises_value_error(
        two_group_test,
        values,
        ["a", "b", "c"] * 3,
        call="two_group_test(values, ['a', 'b', 'c'] * 3)",
        why="three groups: a two-group test needs exactly two",
    )
    _raises_value_error(
        two_group_test,
        values,
        ["a"] * 9,
        call="two_group_test(values, ['a'] * 9)",
        why="one group: nothing to compare",
    )
    _raises_value_error(
        two_group_test,
        values,
        ["a", "b"] * 4 + ["a"],
        "ttest",
        call="two_group_test(values, groups, 'ttest')",
        why="an unknown method: only 'welch' and 'mannwhitney'",
    )


# --- fairness ------------------------------------------------------------------------------


@check("group_rates and disparity_ratio compare groups", hint="fairness")
def group_rates_and_disparity(ctx: Context) -> None:
    group_rates = _func(ctx, "group_rates")
    disparity_ratio = _func(ctx, "disparity_ratio")
    # Rates: a 4/5 = 0.8, b 2/4 = 0.5, c 1/5 = 0.2; two rows with a missing value.
    outcome = [1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, np.nan]
    groups = ["a"] * 5 + ["b"] * 4 + ["c"] * 5 + [None, "a"]
    order = [5, 12, 0, 9, 3, 14, 7, 1, 10, 2, 8, 4, 13, 6, 11, 15]  # not grouped, not sorted
    outcome = [outcome[i] for i in order]
    groups = [groups[i] for i in order]
    call = "group_rates(outcome, groups)"
    rates = group_rates(pd.Series(outcome, dtype=float), pd.Series(groups))
    if not isinstance(rates, pd.Series):
        fail(f"{call} returned {type(rates).__name__}, expected a Series (group -> rate).")
    expect(
        [str(i) for i in rates.index] == ["a", "b", "c"],
        f"{call} has index {list(rates.index)}; expected ['a', 'b', 'c']: one entry per "
        "group (missing groups dropped), sorted.",
    )
    expect_close(
        rates.to_numpy(dtype=float),
        [0.8, 0.5, 0.2],
        what=call,
        note="The rate of a group is the mean of its 0/1 outcomes (rows with a missing value "
        "dropped).",
    )
    call = "disparity_ratio(outcome, groups)"
    ratio = _float(disparity_ratio(outcome, groups), what=call)
    if np.isclose(ratio, 0.6):
        fail(
            f"{call} = {ratio:.3g}, the difference 0.8 - 0.2: the disparity ratio is the lowest "
            "rate divided by the highest, 0.2 / 0.8."
        )
    if np.isclose(ratio, 4.0):
        fail(f"{call} = {ratio:.3g}: divide the lowest rate by the highest (a value in [0, 1]).")
    expect_close(ratio, 0.25, what=call, rtol=1e-9, note="Rates 0.8, 0.5, 0.2: lowest / highest.")
    zeros = _float(
        disparity_ratio([0, 0, 0, 0], ["x", "y", "x", "y"]), what="disparity_ratio of all zeros"
    )
    expect_close(
        zeros,
        1.0,
        what="disparity_ratio([0, 0, 0, 0], ['x', 'y', 'x', 'y'])",
        note="Every rate is 0: no group is favoured, the ratio is 1.0 (not 0 / 0).",
    )
    _raises_value_error(
        disparity_ratio,
        [1, 0, 1],
        ["x", "x", "x"],
        call="disparity_ratio([1, 0, 1], ['x', 'x', 'x'])",
        why="one group: a disparity needs at least two",
    )


# --- figures -------------------------------------------------------------------------------


@check("plot_distribution draws a histogram of a numeric column", hint="distribution")
def histogram_of_numeric(ctx: Context) -> None:
    plot_distribution = _func(ctx, "plot_distribution")
    rng = np.random.default_rng(5)
    ages = rng.normal(40.0, 12.0, 200)
    ages[rng.choice(200, 10, replace=False)] = np.nan
    series = pd.Series(ages, name="age")
    present = series.dropna()
    with _figures():
        call = "plot_distribution(ages, bins=12)"
        first = plot_distribution(series, bins=12)
        ax = expect_figure(first, call=call).only_axes(call=call)
        if not ax.bars:
            fail(
                f"{call} drew {ax.describe()}; a histogram draws bars: ax.hist(values, "
                "bins=bins) (the default histtype)."
            )
        expect(
            ax.is_histogram,
            f"{call}: the bars do not touch each other; a histogram of a numeric column has "
            "adjacent bins: use ax.hist, not ax.bar of value counts.",
        )
        expect(
            len(ax.bars) == 12,
            f"{call} drew {len(ax.bars)} bars; expected 12, one per bin: pass bins to ax.hist.",
        )
        total = sum(ax.bar_values)
        expect(
            bool(np.isclose(total, len(present))),
            f"{call}: the bars count {total:g} values; expected {len(present)}, the "
            "non-missing ones (dropna() first).",
        )
        starts = sorted(b.start for b in ax.bars)
        last = max(ax.bars, key=lambda b: b.start)
        expect(
            np.isclose(starts[0], present.min())
            and np.isclose(last.start + last.size, present.max()),
            f"{call}: the bins span [{starts[0]:.4g}, {last.start + last.size:.4g}]; expected "
            f"the data's range [{present.min():.4g}, {present.max():.4g}] (ax.hist's default).",
        )
        _expect_labels(ax, call=call, x_has="age")
        second = plot_distribution(series)
        call = "plot_distribution(ages)"
        expect(
            second is not first,
            "plot_distribution returned the same Figure twice: create a new one in each call "
            "with fig, ax = plt.subplots().",
        )
        ax2 = expect_figure(second, call=call).only_axes(call=call)
        expect(
            len(ax2.bars) == 20,
            f"{call} drew {len(ax2.bars)} bars; expected 20 (bins=20 by default)"
            + (
                ": it drew over the previous figure; create a new one in each call with "
                "fig, ax = plt.subplots()."
                if len(ax2.bars) == 32
                else "."
            ),
        )


@check("plot_distribution draws one bar per category", hint="distribution")
def bars_of_categories(ctx: Context) -> None:
    plot_distribution = _func(ctx, "plot_distribution")
    ports = ["S"] * 50 + ["C"] * 30 + ["Q"] * 12 + ["X"] * 5 + [None] * 3
    rng = np.random.default_rng(2)
    series = pd.Series(rng.permutation(np.array(ports, dtype=object)), name="port")
    cases = [
        ("plot_distribution(ports)", {}, {"S": 50, "C": 30, "Q": 12, "X": 5}),
        (
            "plot_distribution(ports, max_categories=3)",
            {"max_categories": 3},
            {"S": 50, "C": 30, "Q": 12},
        ),
    ]
    with _figures():
        for call, kwargs, expected in cases:
            ax = expect_figure(plot_distribution(series, **kwargs), call=call).only_axes(call=call)
            if not ax.bars:
                fail(f"{call} drew {ax.describe()}; expected one bar per category (ax.bar).")
            shown = set(ax.category_ticklabels)
            if shown & {"nan", "NaN", "None", "<NA>"}:
                fail(
                    f"{call} drew a bar for the missing values ({sorted(shown)}): leave them "
                    "out (value_counts() does by default)."
                )
            if len(ax.bars) > len(expected):
                fail(
                    f"{call} drew {len(ax.bars)} bars; expected {len(expected)}: one per "
                    "category, only the max_categories most frequent (value_counts().head(n))."
                )
            got = _bar_map(ax, call=call)
            expect(
                got == {k: float(v) for k, v in expected.items()},
                f"{call} drew the bars {got}; expected the counts {expected}.",
            )
            _expect_labels(ax, call=call)
            expect(
                "port" in ax.category_label.lower(),
                f"{call}: the categories' axis is labelled {ax.category_label!r}; label it with "
                "the series' name ('port').",
            )
        flags = pd.Series([True, False, True, True, False, True], name="alone")
        call = "plot_distribution(flags) with a bool series"
        ax = expect_figure(plot_distribution(flags), call=call).only_axes(call=call)
        bool_message = (
            "a bool column is categorical: one bar for True (4) and one for False (2). "
            "pd.api.types.is_numeric_dtype is True for bool: test pd.api.types.is_bool_dtype too."
        )
        if len(ax.bars) != 2:
            fail(f"{call} drew {ax.describe()}; {bool_message}")
        got = _bar_map(ax, call=call)
        expect(got == {"True": 4.0, "False": 2.0}, f"{call} drew {got}; {bool_message}")


@check("plot_missing draws the percent missing per column", hint="figures")
def missing_plot(ctx: Context) -> None:
    plot_missing = _func(ctx, "plot_missing")
    df = _missing_frame()
    expected = {c: 100.0 * n / len(df) for c, n in MISSING_EXPECTED.items()}
    call = "plot_missing(df)"
    with _figures():
        ax = expect_figure(plot_missing(df), call=call).only_axes(call=call)
        if not ax.bars:
            fail(f"{call} drew {ax.describe()}; expected one bar per column with missing values.")
        got = _bar_map(ax, call=call)
        extra = sorted(set(got) - set(expected))
        expect(
            not extra,
            f"{call} has bars for {extra}, which have no missing value: one bar per column "
            "that has some (missing_summary lists them).",
        )
        if got == {c: float(n) for c, n in MISSING_EXPECTED.items()}:
            fail(f"{call}: the bars are counts; plot pct_missing, the percent of rows (0-100).")
        if all(np.isclose(got.get(c, -1.0), v / 100.0) for c, v in expected.items()):
            fail(f"{call}: the bars are fractions (0-1); plot percents (0-100).")
        expect(
            set(got) == set(expected)
            and all(np.isclose(got[c], v, rtol=1e-9) for c, v in expected.items()),
            f"{call} drew {got}; expected {expected} (percent of rows missing).",
        )
        unit = ax.value_label.lower()
        expect(
            "%" in unit or "percent" in unit,
            f"{call}: the percentages' axis is labelled {ax.value_label!r}; say it is a percent "
            "(e.g. '% of rows missing').",
        )
        expect(bool(ax.title), f"{call}: the plot has no title: ax.set_title(...).")
        call = "plot_missing(a frame without missing values)"
        summary = expect_figure(plot_missing(pd.DataFrame({"a": [1, 2], "b": [3, 4]})), call=call)
        bars = sum(len(a.bars) for a in summary.axes)
        titled = summary.suptitle or any(a.title for a in summary.axes)
        expect(
            bars == 0 and bool(titled),
            f"{call} drew {bars} bars; expected none, and a title that says nothing is missing.",
        )


def _titanic_like() -> pd.DataFrame:
    rng = np.random.default_rng(8)
    n = 90
    pclass = rng.choice([3, 1, 2], n, p=[0.5, 0.25, 0.25])
    survived = (rng.random(n) < np.select([pclass == 1, pclass == 2], [0.65, 0.45], 0.25)).astype(
        int
    )
    deck = rng.choice(np.array(["B", "C", "E", None], dtype=object), n, p=[0.3, 0.3, 0.2, 0.2])
    return pd.DataFrame({"pclass": pclass, "deck": deck, "survived": survived})


@check("plot_target_rate draws the target's rate per category", hint="target_rate")
def target_rate_plot(ctx: Context) -> None:
    plot_target_rate = _func(ctx, "plot_target_rate")
    df = _titanic_like()
    overall = float(df["survived"].mean())
    with _figures():
        for column in ("pclass", "deck"):
            call = f"plot_target_rate(df, {column!r}, 'survived')"
            rates = df.groupby(column)["survived"].mean()
            expected = {str(k): float(v) for k, v in rates.items()}
            ax = expect_figure(plot_target_rate(df, column, "survived"), call=call).only_axes(
                call=call
            )
            if not ax.bars:
                fail(f"{call} drew {ax.describe()}; expected one bar per category (ax.bar).")
            expect(
                ax.orientation == "vertical",
                f"{call}: draw vertical bars (ax.bar), with the reference line across them.",
            )
            got = _bar_map(ax, call=call)
            counts = {str(k): float(v) for k, v in df.groupby(column)["survived"].count().items()}
            sums = {str(k): float(v) for k, v in df.groupby(column)["survived"].sum().items()}
            if got in (counts, sums):
                fail(
                    f"{call}: the bars are {'counts' if got == counts else 'sums'}; plot the "
                    f"mean of the target per category: df.groupby({column!r})['survived'].mean()."
                )
            expect(
                set(got) == set(expected)
                and all(np.isclose(got[k], v, rtol=1e-9) for k, v in expected.items()),
                f"{call} drew {got}; expected {expected} (one bar per category, missing left "
                "out, height = mean of survived).",
            )
            flat = [line for line in ax.lines if line.is_horizontal]
            expect(
                bool(flat),
                f"{call} has no horizontal reference line: draw the rate over all rows with "
                f"ax.axhline(df['survived'].mean()) ({overall:.4g} here).",
            )
            expect(
                any(np.isclose(line.ys[0], overall, rtol=1e-9) for line in flat),
                f"{call}: the reference line is at {[round(line.ys[0], 4) for line in flat]}; "
                f"expected the mean of survived over all rows, {overall:.4g}.",
            )
            _expect_labels(ax, call=call, x_has=column, y_has="survived")


@check("plot_scatter draws one point per complete row", hint="figures")
def scatter_plot(ctx: Context) -> None:
    plot_scatter = _func(ctx, "plot_scatter")
    rng = np.random.default_rng(4)
    area = rng.uniform(50, 250, 60)
    price = 1.8 * area + rng.normal(0, 30, 60)
    area[[3, 17]] = np.nan
    price[[5, 17, 40]] = np.nan
    df = pd.DataFrame({"area": area, "price": price, "rooms": rng.integers(1, 6, 60)})
    complete = df[["area", "price"]].dropna()
    expected = sorted(zip(complete["area"], complete["price"], strict=True))
    call = "plot_scatter(df, 'area', 'price')"
    with _figures():
        ax = expect_figure(plot_scatter(df, "area", "price"), call=call).only_axes(call=call)
        if not ax.points:
            kind = "a line: ax.plot joins the points" if ax.lines else ax.describe()
            fail(f"{call} drew {kind}; a scatter plot draws points: ax.scatter(x, y).")
        got = sorted(ax.points)
        if len(got) != len(expected):
            fail(
                f"{call} drew {len(got)} points; expected {len(expected)}, one per row where "
                "both area and price are present: drop incomplete rows together, "
                "df[[x, y]].dropna(), so that the pairs stay aligned."
            )
        swapped = sorted((b, a) for a, b in ax.points)
        if np.allclose(swapped, expected) and not np.allclose(got, expected):
            fail(f"{call}: x and y are swapped: x = 'area' across, y = 'price' up.")
        expect(
            np.allclose(got, expected),
            f"{call}: the points are not the (area, price) pairs of the complete rows.",
        )
        _expect_labels(ax, call=call, x_has="area", y_has="price")
