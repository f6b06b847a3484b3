"""Checks of m11-drift: per-column drift tests, a drift report, concept drift on a stream.

drift.py is the learner's own (NumPy and SciPy's distributions; no drift library, and no
ready-made test of scipy.stats such as ks_2samp): its tests are compared with scipy.stats'
ks_2samp (asymptotic p-value) and chi2_contingency (no continuity correction), its PSI with
the checks' own computation and its corrections with Bonferroni's rule and scipy's
false_discovery_control, on small seeded samples. Its report then runs on a seeded table the
checks make (40,000 reference and 40,000 current rows, 40 columns, 6 of them drifted, one by
0.05 standard deviations): every drifted column must be found, at most one stable column
flagged. stream.py uses river's ADWIN on the errors of a fixed model over a seeded stream
whose concept turns at row 3000. The bars, and why they are where they are, are in
exercise.toml's [bars].
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.grading import importfence
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_raises,
    fail,
)
from airoadmap.grading.kit.modelcheck import once
from airoadmap.grading.kit.needs import need

EXERCISE = "m11-drift"
DRIFT, DRIFT_FILE = "drift", "drift.py"
STREAM = "stream"
FORBIDDEN = ("evidently", "nannyml", "alibi_detect", "river", "frouros", "deepchecks")
USE_INSTEAD = "NumPy, and scipy.stats' distributions (kstwo, chi2) for the p-values"
# Ready-made tests of scipy.stats: drift.py computes the statistics itself.
READY_MADE = frozenset(
    {
        "ks_2samp",
        "kstest",
        "chi2_contingency",
        "chisquare",
        "false_discovery_control",
        "epps_singleton_2samp",
        "cramervonmises_2samp",
        "anderson_ksamp",
    }
)
RTOL, ATOL = 1e-6, 1e-9
PSI_FLOOR = 1e-4
ALPHA = 0.05
CORRECTIONS = ("bonferroni", "bh")

# The report's table: ROWS reference and ROWS current rows, seeded.
ROWS = 40_000
TABLE_SEED = 14
# The stream: CHANGE_AT rows of the old concept, then STREAM_ROWS - CHANGE_AT of the new one.
STREAM_ROWS, CHANGE_AT, STREAM_SEED = 6000, 3000, 5
TURN_DEGREES = 40.0  # the concept's decision boundary turns by this angle at CHANGE_AT
LABEL_NOISE = 0.1  # share of labels flipped at random, before and after
DELTA = 0.002
DEFAULT_BINS = 10  # psi's default


# --- the data the checks make, the same on every run ------------------------------------------


def _table(seed: int = TABLE_SEED) -> tuple[pd.DataFrame, pd.DataFrame, frozenset[str]]:
    """Reference and current frames (ROWS rows each) and the names of the drifted columns.

    x00-x29 numeric and stable (normal, lognormal, uniform and integer counts with many
    ties); x30 shifted by 0.05 sd (subtle), x31 spread 1.25 times, x32 shifted by 0.5 sd,
    x33 counts with rate 3.0 -> 3.3; c0-c3 categorical and stable; c4 shares 0.5/0.3/0.2 ->
    0.46/0.32/0.22; c5 a new category at 2% of the current rows.
    """
    rng = np.random.default_rng(seed)
    ref: dict[str, np.ndarray] = {}
    cur: dict[str, np.ndarray] = {}
    for i in range(30):  # stable: the same draw for both sides
        name = f"x{i:02d}"
        for side in (ref, cur):
            if i % 4 == 0:
                side[name] = rng.normal(i, 1 + i / 10, ROWS)
            elif i % 4 == 1:
                side[name] = rng.lognormal(3.0, 0.8, ROWS)
            elif i % 4 == 2:
                side[name] = rng.uniform(0, 100, ROWS)
            else:
                side[name] = rng.poisson(1 + i / 3, ROWS).astype(float)
    ref["x30"], cur["x30"] = rng.normal(50, 10, ROWS), rng.normal(50.5, 10, ROWS)
    ref["x31"], cur["x31"] = rng.normal(0, 1, ROWS), rng.normal(0, 1.25, ROWS)
    ref["x32"], cur["x32"] = rng.normal(0, 2, ROWS), rng.normal(1, 2, ROWS)
    ref["x33"] = rng.poisson(3.0, ROWS).astype(float)
    cur["x33"] = rng.poisson(3.3, ROWS).astype(float)
    for i in range(4):
        levels = [f"level{k}" for k in range(2 + i)]
        ref[f"c{i}"], cur[f"c{i}"] = rng.choice(levels, ROWS), rng.choice(levels, ROWS)
    plans = ["basic", "plus", "pro"]
    ref["c4"] = rng.choice(plans, ROWS, p=[0.5, 0.3, 0.2])
    cur["c4"] = rng.choice(plans, ROWS, p=[0.46, 0.32, 0.22])
    ref["c5"] = rng.choice(["web", "store"], ROWS, p=[0.7, 0.3])
    cur["c5"] = rng.choice(["web", "store", "app"], ROWS, p=[0.69, 0.29, 0.02])
    drifted = frozenset({"x30", "x31", "x32", "x33", "c4", "c5"})
    return pd.DataFrame(ref), pd.DataFrame(cur), drifted


def _stream(turn_degrees: float, seed: int = STREAM_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Two features ~ N(0, 1) and labels: y = [x0 + x1 > 0] before CHANGE_AT, the boundary
    turned by `turn_degrees` after it, LABEL_NOISE of the labels flipped throughout. The
    inputs and the share of 1s are the same before and after: only the concept moves."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(STREAM_ROWS, 2))
    angle = np.where(np.arange(STREAM_ROWS) < CHANGE_AT, 45.0, 45.0 + turn_degrees)
    radians = np.deg2rad(angle)
    y = (X[:, 0] * np.cos(radians) + X[:, 1] * np.sin(radians) > 0).astype(int)
    flip = rng.random(STREAM_ROWS) < LABEL_NOISE
    return X, np.where(flip, 1 - y, y)


def _champion(X: np.ndarray) -> np.ndarray:
    """The model in production: fitted on the old concept."""
    return (X[:, 0] + X[:, 1] > 0).astype(int)


def _errors(turn_degrees: float) -> np.ndarray:
    X, y = _stream(turn_degrees)
    return (_champion(X) != y).astype(float)


# --- the checks' own computation --------------------------------------------------------------


def _ks_reference(ref: np.ndarray, cur: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from scipy.stats import ks_2samp

    results = [ks_2samp(ref[:, j], cur[:, j], method="asymp") for j in range(ref.shape[1])]
    return (np.array([r.statistic for r in results]), np.array([r.pvalue for r in results]))


def _chi2_reference(ref: np.ndarray, cur: np.ndarray) -> tuple[float, float, int]:
    from scipy.stats import chi2_contingency

    categories = sorted(set(ref.tolist()) | set(cur.tolist()))
    table = np.array([[np.sum(side == c) for c in categories] for side in (ref, cur)])
    result = chi2_contingency(table, correction=False)
    return float(result.statistic), float(result.pvalue), int(result.dof)


def _psi_reference(ref: np.ndarray, cur: np.ndarray, bins: int) -> np.ndarray:
    values = []
    for j in range(ref.shape[1]):
        edges = np.quantile(ref[:, j], [k / bins for k in range(1, bins)])
        shares = []
        for sample in (ref[:, j], cur[:, j]):
            index = np.searchsorted(edges, sample, side="right")
            counts = np.array([np.sum(index == b) for b in range(bins)])
            shares.append(np.maximum(counts / len(sample), PSI_FLOOR))
        r, c = shares
        values.append(float(np.sum((c - r) * np.log(c / r))))
    return np.array(values)


def _adjust_reference(p: np.ndarray, method: str) -> np.ndarray:
    from scipy.stats import false_discovery_control

    if method == "bonferroni":
        return np.minimum(p * len(p), 1.0)
    return np.asarray(false_discovery_control(p, method="bh"))


# --- running the learner's code ---------------------------------------------------------------


@contextmanager
def _by_hand(ctx: Context) -> Iterator[None]:
    """While drift.py runs, an import of a drift library from it is refused."""
    with importfence.Fence(ctx.workdir, FORBIDDEN, USE_INSTEAD, files=[DRIFT_FILE]):
        yield


def _function(module: ModuleType, name: str) -> Callable[..., Any]:
    func = getattr(module, name, None)
    if not callable(func):
        fail(f"{module.__name__}.py defines no function {name}(): keep the starter's names.")
    return func


def _drift(ctx: Context, name: str) -> Callable[..., Any]:
    with _by_hand(ctx):
        module = ctx.load(DRIFT)
    func = _function(module, name)

    def run(*args: Any, **kwargs: Any) -> Any:
        with _by_hand(ctx):
            return func(*args, **kwargs)

    return run


def _stream_function(ctx: Context, name: str) -> Callable[..., Any]:
    need("river", exercise=EXERCISE, install="river")
    return _function(ctx.load(STREAM), name)


def _array(value: Any, shape: tuple[int, ...], what: str) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what} returned {type(value).__name__}: return an array of numbers.")
    expect(
        array.shape == shape,
        f"{what} returned shape {array.shape}, expected {shape}: one value per column.",
    )
    return array


def _pair(value: Any, what: str) -> tuple[Any, Any]:
    expect(
        isinstance(value, tuple | list) and len(value) == 2,
        f"{what} returned {type(value).__name__}: return a pair (statistics, p-values).",
    )
    return value[0], value[1]


def _ks_cases() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(3)
    shifted = rng.normal(0, 1, (300, 3)), rng.normal([0.0, 0.3, 0.0], [1.0, 1.0, 1.5], (200, 3))
    ties = (
        rng.poisson([2.0, 5.0], (400, 2)).astype(float),
        rng.poisson([2.0, 5.6], (500, 2)).astype(float),
    )
    same = rng.uniform(0, 1, (120, 2)), rng.uniform(0, 1, (80, 2))
    return {
        "300 vs 200 rows, 3 normal columns (one shifted, one wider)": shifted,
        "400 vs 500 rows, 2 columns of counts (many ties)": ties,
        "120 vs 80 rows, 2 uniform columns": same,
    }


def _chi2_cases() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(4)
    return {
        "3 categories, shares 0.5/0.3/0.2 vs 0.4/0.4/0.2 (300 vs 250 rows)": (
            rng.choice(["a", "b", "c"], 300, p=[0.5, 0.3, 0.2]),
            rng.choice(["a", "b", "c"], 250, p=[0.4, 0.4, 0.2]),
        ),
        "a category only in the current sample (200 vs 200 rows)": (
            rng.choice(["store", "web"], 200),
            rng.choice(["store", "web", "widget"], 200, p=[0.45, 0.45, 0.1]),
        ),
        "integer categories 1-4, one absent from the current sample": (
            rng.choice([1, 2, 3, 4], 150),
            rng.choice([1, 2, 3], 120),
        ),
    }


def _psi_cases() -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
    rng = np.random.default_rng(6)
    return {
        "1000 vs 800 rows, 2 normal columns (one shifted by 0.5 sd), 10 bins": (
            rng.normal(0, 1, (1000, 2)),
            rng.normal([0.0, 0.5], 1, (800, 2)),
            10,
        ),
        "999 vs 700 rows, lognormal, 5 bins": (
            rng.lognormal(0, 1, (999, 1)),
            rng.lognormal(0.2, 1, (700, 1)),
            5,
        ),
        "counts 0-3 (repeated edges: empty bins), 10 bins": (
            rng.poisson(1.0, (600, 1)).astype(float),
            rng.poisson(1.5, (600, 1)).astype(float),
            10,
        ),
        "500 vs 400 rows, the current sample below the reference's median, 2 bins": (
            rng.normal(0, 1, (500, 1)),
            rng.normal(-3, 0.2, (400, 1)),
            2,
        ),
    }


# --- the report on the checks' table, once per run --------------------------------------------


def _report(ctx: Context, correction: str) -> pd.DataFrame:
    def run() -> pd.DataFrame:
        reference, current, _ = _table_once(ctx)
        run_report = _drift(ctx, "drift_report")
        report = (  # the defaults are alpha=0.05, correction="bh"
            run_report(reference, current)
            if correction == "bh"
            else run_report(reference, current, alpha=ALPHA, correction=correction)
        )
        expect(
            isinstance(report, pd.DataFrame),
            f"drift_report returned {type(report).__name__}: return a pandas DataFrame, one "
            "row per column.",
        )
        expect(
            [str(c) for c in report.index] == list(reference.columns),
            "drift_report's index must be the column names of the reference, in order; got "
            f"{[str(c) for c in report.index][:5]}...",
        )
        missing = [
            c
            for c in ("kind", "test", "statistic", "p_value", "p_adjusted", "psi", "drifted")
            if c not in report.columns
        ]
        expect(not missing, f"drift_report has no column {missing}: the brief lists them.")
        return report

    return once(ctx, f"report-{correction}", run)


def _table_once(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame, frozenset[str]]:
    return once(ctx, "table", _table)


def _flagged(ctx: Context, correction: str) -> set[str]:
    report = _report(ctx, correction)
    return {str(c) for c, hit in zip(report.index, report["drifted"], strict=True) if bool(hit)}


# --- the checks -------------------------------------------------------------------------------


@check("ks_test: statistics and p-values equal scipy's ks_2samp", hint="ks")
def ks_matches_scipy(ctx: Context) -> None:
    ks_test = _drift(ctx, "ks_test")
    for label, (ref, cur) in _ks_cases().items():
        stat, p = _pair(ks_test(ref, cur), "ks_test")
        expected_stat, expected_p = _ks_reference(ref, cur)
        k = ref.shape[1]
        expect_close(
            _array(stat, (k,), "ks_test"),
            expected_stat,
            what=f"KS statistics on {label}",
            rtol=RTOL,
            atol=ATOL,
            note="(scipy.stats.ks_2samp per column.)",
        )
        expect_close(
            _array(p, (k,), "ks_test"),
            expected_p,
            what=f"KS p-values on {label}",
            rtol=RTOL,
            atol=ATOL,
            note="(ks_2samp(..., method='asymp'): kstwo.sf(D, round(n * m / (n + m))).)",
        )


@check("chi2_test: statistic, p-value and dof equal scipy's chi2_contingency", hint="chi2")
def chi2_matches_scipy(ctx: Context) -> None:
    chi2_test = _drift(ctx, "chi2_test")
    for label, (ref, cur) in _chi2_cases().items():
        result = chi2_test(ref, cur)
        expect(
            isinstance(result, tuple | list) and len(result) == 3,
            f"chi2_test returned {type(result).__name__}: return (statistic, p_value, dof).",
        )
        expected = _chi2_reference(ref, cur)
        for name, got, want in zip(("statistic", "p-value", "dof"), result, expected, strict=True):
            expect_close(
                got,
                want,
                what=f"chi2_test {name} on {label}",
                rtol=RTOL,
                atol=ATOL,
                note="(scipy.stats.chi2_contingency on the 2 x categories table, "
                "correction=False.)",
            )


@check("psi: the population stability index on quantile bins of the reference", hint="psi")
def psi_matches(ctx: Context) -> None:
    psi = _drift(ctx, "psi")
    for label, (ref, cur, bins) in _psi_cases().items():
        raw = psi(ref, cur) if bins == DEFAULT_BINS else psi(ref, cur, bins=bins)
        got = _array(raw, (ref.shape[1],), f"psi(..., bins={bins})")
        expect_close(
            got,
            _psi_reference(ref, cur, bins),
            what=f"PSI on {label}",
            rtol=RTOL,
            atol=ATOL,
            note="(Edges: the reference's quantiles 1/bins ... "
            "(bins-1)/bins; a value equal to an edge goes to the bin above; a share of "
            f"0 counts as {PSI_FLOOR}.)",
        )
    ref = _psi_cases()["1000 vs 800 rows, 2 normal columns (one shifted by 0.5 sd), 10 bins"][0]
    same = _array(psi(ref, ref.copy(), bins=10), (2,), "psi(reference, reference)")
    expect_close(same, np.zeros(2), what="PSI of a sample with itself", atol=1e-12)


@check("adjust: Bonferroni and Benjamini-Hochberg adjusted p-values", hint="corrections")
def corrections_match(ctx: Context) -> None:
    adjust = _drift(ctx, "adjust")
    rng = np.random.default_rng(8)
    cases = {
        "40 p-values (5 small, 35 uniform)": np.concatenate(
            [rng.uniform(0, 0.002, 5), rng.uniform(0, 1, 35)]
        ),
        "[0.01, 0.04, 0.03, 0.5, 0.02]": np.array([0.01, 0.04, 0.03, 0.5, 0.02]),
        "ties [0.02, 0.02, 0.2, 0.9]": np.array([0.02, 0.02, 0.2, 0.9]),
    }
    for label, p in cases.items():
        for method in CORRECTIONS:
            got = _array(adjust(p.copy(), method), p.shape, f"adjust(p, {method!r})")
            expect_close(
                got,
                _adjust_reference(p, method),
                what=f"adjust({method!r}) on {label}",
                rtol=RTOL,
                atol=ATOL,
                note="(Bonferroni: min(p * m, 1); BH: scipy.stats.false_discovery_control, "
                "p * m / rank with a running minimum from the largest p down.)",
            )


@check("bad input is refused with a ValueError that names it", hint="errors")
def bad_input_is_refused(ctx: Context) -> None:
    rng = np.random.default_rng(9)
    expect_raises(
        ValueError,
        _drift(ctx, "ks_test"),
        rng.normal(size=(50, 3)),
        rng.normal(size=(40, 2)),
        call="ks_test(50 x 3 array, 40 x 2 array)",
        mentions_any=("column",),
        problem="the two samples have different columns",
    )
    expect_raises(
        ValueError,
        _drift(ctx, "adjust"),
        np.array([0.01, 0.2]),
        "holm-sidak",
        call="adjust([0.01, 0.2], 'holm-sidak')",
        mentions=("holm-sidak",),
        problem="the method is unknown",
    )
    expect_raises(
        ValueError,
        _drift(ctx, "psi"),
        rng.normal(size=(50, 1)),
        rng.normal(size=(50, 1)),
        bins=1,
        call="psi(..., bins=1)",
        mentions_any=("bins",),
        problem="PSI needs at least 2 bins",
    )
    expect_raises(
        ValueError,
        _drift(ctx, "ks_test"),
        rng.normal(size=50),
        rng.normal(size=40),
        call="ks_test(1-D array, 1-D array)",
        mentions_any=("2-D", "2d", "two-dimensional"),
        problem="the samples must be 2-D arrays, rows x columns",
    )
    with_nan = rng.normal(size=(50, 2))
    with_nan[7, 1] = np.nan
    expect_raises(
        ValueError,
        _drift(ctx, "ks_test"),
        rng.normal(size=(50, 2)),
        with_nan,
        call="ks_test(50 x 2 array, 50 x 2 array with a NaN)",
        mentions_any=("nan", "missing"),
        problem="a sample holds NaN",
    )


def _calls_ready_made(tree: ast.AST) -> str | None:
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if isinstance(node, ast.alias):
            name = node.name
        if name in READY_MADE:
            return str(name)
    return None


@check("drift.py computes its tests itself (no drift library, no ready-made test)", hint="by_hand")
def drift_written_by_hand(ctx: Context) -> None:
    _drift(ctx, "ks_test")(np.zeros((3, 1)), np.ones((3, 1)))  # NOT_ATTEMPTED on the starter
    problems = importfence.scan(ctx.workdir, FORBIDDEN, USE_INSTEAD, files=[DRIFT_FILE])
    expect(not problems, problems[0] if problems else "")
    tree = ast.parse(ctx.path(DRIFT_FILE).read_text(encoding="utf-8"))
    used = _calls_ready_made(tree)
    expect(
        used is None,
        f"drift.py uses scipy.stats.{used}, a ready-made test: compute the statistic yourself "
        "with NumPy, and take only the distribution from scipy.stats (kstwo.sf for KS, "
        "chi2.sf for chi-square). The checks compare your numbers with scipy's tests.",
    )


@check("drift_report: each column's test, statistic, p-values, PSI and verdict", hint="report")
def report_matches_recomputed(ctx: Context) -> None:
    reference, current, _ = _table_once(ctx)
    report = _report(ctx, "bh")
    numeric = [c for c in reference.columns if c.startswith("x")]
    categorical = [c for c in reference.columns if c.startswith("c")]
    for column in reference.columns:
        kind, test = ("numeric", "ks") if column in numeric else ("categorical", "chi2")
        expect(
            (str(report.loc[column, "kind"]), str(report.loc[column, "test"])) == (kind, test),
            f"drift_report says column {column!r} is {report.loc[column, 'kind']!r} tested with "
            f"{report.loc[column, 'test']!r}; it holds {kind} values: expected {kind!r}, {test!r}.",
        )
    ref, cur = reference[numeric].to_numpy(), current[numeric].to_numpy()
    stat, p = _ks_reference(ref, cur)
    expect_close(
        report.loc[numeric, "statistic"].to_numpy(float),
        stat,
        what="the report's KS statistics",
        rtol=RTOL,
        atol=ATOL,
    )
    expect_close(
        report.loc[numeric, "p_value"].to_numpy(float),
        p,
        what="the report's KS p-values",
        rtol=RTOL,
        atol=ATOL,
    )
    expect_close(
        report.loc[numeric, "psi"].to_numpy(float),
        _psi_reference(ref, cur, 10),
        what="the report's PSI (10 bins)",
        rtol=RTOL,
        atol=ATOL,
    )
    for column in categorical:
        want = _chi2_reference(reference[column].to_numpy(), current[column].to_numpy())
        expect_close(
            [report.loc[column, "statistic"], report.loc[column, "p_value"]],
            want[:2],
            what=f"the report's chi-square statistic and p-value of {column!r}",
            rtol=RTOL,
            atol=ATOL,
        )
    all_p = report["p_value"].to_numpy(float)
    expect_close(
        report["p_adjusted"].to_numpy(float),
        _adjust_reference(all_p, "bh"),
        what="the report's p_adjusted (correction='bh')",
        rtol=RTOL,
        atol=ATOL,
        note="(One correction over ALL the columns' p-values, numeric and categorical "
        "together: the false alarms are counted over the whole table.)",
    )
    verdict = report["p_adjusted"].to_numpy(float) < ALPHA
    expect(
        np.array_equal(report["drifted"].to_numpy(bool), verdict),
        f"drift_report's drifted column must be p_adjusted < alpha ({ALPHA}).",
    )


@check("every drifted column is found, the 0.05 sd shift included", hint="power")
def drifted_columns_found(ctx: Context) -> None:
    _, _, drifted = _table_once(ctx)
    for correction in CORRECTIONS:
        found = _flagged(ctx, correction) & drifted
        missed = sorted(drifted - found)
        expect_bar(
            ctx,
            f"recall_{correction}",
            len(found) / len(drifted),
            note=f"(correction={correction!r}: the drifted columns are {sorted(drifted)}; the "
            f"report missed {missed}.) x30 is shifted by 0.05 standard deviations: on "
            f"{ROWS} rows the KS test sees it, on a sample of a few thousand rows it does not. "
            "Test every row, vectorised.",
        )


@check("few false alarms among the 34 stable columns", hint="corrections")
def few_false_alarms(ctx: Context) -> None:
    _, _, drifted = _table_once(ctx)
    for correction in CORRECTIONS:
        alarms = sorted(_flagged(ctx, correction) - drifted)
        expect_bar(
            ctx,
            f"false_alarms_{correction}",
            float(len(alarms)),
            note=f"(correction={correction!r}: stable columns flagged: {alarms}.) With 40 "
            f"tests at alpha={ALPHA}, about 2 stable columns fall below it by chance: the "
            "verdict must use the adjusted p-value.",
        )


@check("stream.error_stream: 1 where the model is wrong, 0 where right", hint="stream")
def errors_are_mistakes(ctx: Context) -> None:
    error_stream = _stream_function(ctx, "error_stream")
    X, y = _stream(TURN_DEGREES)
    X, y = X[:500], y[:500]
    got = np.asarray(error_stream(_champion, X.copy(), y.copy()), dtype=float)
    expect_close(
        got,
        (_champion(X) != y).astype(float),
        what="error_stream on 500 rows",
        note="(1.0 where predict(X) differs from y, 0.0 where they agree.)",
    )


def _alarms(ctx: Context, errors: np.ndarray, *, default_delta: bool = False) -> list[int]:
    detect = _stream_function(ctx, "detect_changes")
    raw = detect(errors.tolist()) if default_delta else detect(errors.tolist(), delta=DELTA)
    try:
        alarms = [int(a) for a in raw]
    except (TypeError, ValueError):
        fail(f"detect_changes returned {type(raw).__name__}: return a list of row positions.")
    return alarms


@check("ADWIN finds the concept change soon after it, never before", hint="adwin")
def concept_drift_detected(ctx: Context) -> None:
    alarms = _alarms(ctx, _errors(TURN_DEGREES))
    early = [a for a in alarms if a < CHANGE_AT]
    expect(
        not early,
        f"detect_changes raised an alarm at row {early[0] if early else ''}, before the concept "
        f"changes at row {CHANGE_AT}: a false alarm (with delta={DELTA} ADWIN should stay "
        "quiet on an error rate that does not move).",
    )
    after = LABEL_NOISE + (1 - 2 * LABEL_NOISE) * TURN_DEGREES / 180
    expect(
        alarms != [],
        f"detect_changes found no change; the model's error rate goes from about "
        f"{LABEL_NOISE:.2f} to about {after:.2f} at row {CHANGE_AT}. Feed each error (0 or 1) "
        "to ADWIN.update and record the position whenever drift_detected is True.",
    )
    expect_bar(
        ctx,
        "detection_delay",
        float(alarms[0] - CHANGE_AT),
        note=f"(First alarm at row {alarms[0]}, the change at row {CHANGE_AT}.)",
    )


@check("ADWIN stays quiet on a stream whose concept does not change", hint="adwin")
def stable_stream_quiet(ctx: Context) -> None:
    alarms = _alarms(ctx, _errors(0.0), default_delta=True)  # the default delta: 0.002
    expect(
        alarms == [],
        f"detect_changes raised {len(alarms)} alarm(s), the first at row "
        f"{alarms[0] if alarms else ''}, on {STREAM_ROWS} rows whose error rate stays at about "
        f"{LABEL_NOISE}: false alarms. A fixed threshold on a moving average crosses it by "
        "chance; ADWIN(delta=delta) widens its bound with the window and keeps false alarms "
        "rare (pass delta on).",
    )
