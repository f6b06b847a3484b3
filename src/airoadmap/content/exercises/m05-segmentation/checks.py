"""Checks of m05-segmentation: RFM features, scaling, choosing k, K-Means segments, names.

Each reference value is computed here, with pandas and scikit-learn, on data made or loaded
here: a hand-made log of 12 purchases, a sample of CDNOW customers (their transactions in a
shuffled order), blobs with a known number of clusters, and a synthetic shop of four kinds of
customers. The checks judge results, not the way they are computed: any correct code passes
(pandas groupby or loops, StandardScaler or NumPy, silhouette on all rows or on a sample).
"""

from __future__ import annotations

import re
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_equal,
    fail,
)

Array = np.ndarray[Any, np.dtype[np.float64]]

RFM_COLUMNS = ["recency", "frequency", "monetary"]
PROFILE_COLUMNS = ["size", "share", "recency", "frequency", "monetary"]

# segment() chooses k in this range (the brief's contract).
K_RANGE = range(3, 9)

# The CDNOW sample the segment checks use: 3,000 of the 23,570 customers, all their rows.
SAMPLE_CUSTOMERS = 3_000
SAMPLE_SEED = 5

# Segments must be K-Means clusters of the scaled RFM: their inertia there (sum of squared
# distances to the segment means) is at most 1% above what KMeans(n_init=10) reaches with the
# same k. On the sample, at k=3: a single k-means++ start reaches 1.0002 at worst; clustering
# the raw table gives 1.41, log1p without standardising 1.05, standardising without log1p 1.37.
INERTIA_TOLERANCE = 1.01

# The silhouette bar (exercise.toml [bars]) is computed here on the scaled RFM of the sample.
# The best k of 3..8 there is k=3, at 0.476; every other k stays at or below 0.432 (k=8). The
# bar sits between: a segmentation that chose its k by the silhouette of the features it
# clustered clears it, any other k does not.

# Keywords the names must use (case-insensitive, at the start of a word), as in the brief.
LOYAL_WORDS = ("loyal", "champion", "vip", "best", "high value", "high-value", "top")
LAPSED_WORDS = (
    "lapsed", "lost", "churned", "dormant", "inactive", "hibernating", "one-time", "one-off",
    "one time",
)  # fmt: skip


# --- helpers -------------------------------------------------------------------------------


def _module(ctx: Context) -> ModuleType:
    return ctx.load("segmentation")


def _function(ctx: Context, name: str) -> Any:
    func = getattr(_module(ctx), name, None)
    if not callable(func):
        fail(f"segmentation.py defines no function {name}: keep the names of the starter.")
    return func


def _sklearn() -> tuple[Any, Any]:
    """scikit-learn's KMeans and silhouette_score, the references (imported on first use)."""
    try:
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score
    except ImportError as exc:
        raise GradingError(
            "m05-segmentation is graded with scikit-learn, which is not installed: "
            "pip install 'airoadmap[lab]'."
        ) from exc
    return KMeans, silhouette_score


def _log(rows: list[tuple[int, str, float]]) -> pd.DataFrame:
    """A transaction log in CDNOW's columns from (customer_id, day, dollars) rows."""
    frame = pd.DataFrame(rows, columns=["customer_id", "date", "dollar_value"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame.insert(2, "number_of_cds", 1)
    return frame


def _reference_rfm(transactions: pd.DataFrame, snapshot: Any = None) -> pd.DataFrame:
    """The contract's RFM table, with pandas."""
    dates = transactions["date"]
    when = dates.max() + pd.Timedelta(days=1) if snapshot is None else pd.Timestamp(snapshot)
    groups = transactions.groupby("customer_id")
    rfm = pd.DataFrame(
        {
            "recency": (when - groups["date"].max()).dt.days,
            "frequency": groups["date"].nunique(),
            "monetary": groups["dollar_value"].sum(),
        }
    )
    rfm.index.name = "customer_id"
    return rfm


def _reference_scaled(rfm: pd.DataFrame) -> Array:
    """log1p, then mean 0 / std 1 (ddof=0) per column; a constant column becomes zeros."""
    logged = np.log1p(rfm[RFM_COLUMNS].to_numpy(dtype=float))
    std = logged.std(axis=0)
    scaled: Array = (logged - logged.mean(axis=0)) / np.where(std > 0, std, 1.0)
    scaled[:, np.ptp(logged, axis=0) == 0] = 0.0
    return scaled


@cache
def _cdnow() -> pd.DataFrame:
    try:
        from airoadmap.datasets import load_frame

        return load_frame("cdnow")
    except Exception as exc:
        raise GradingError(
            f"m05-segmentation needs the CDNOW data set, which could not be read ({exc}): "
            "run `airoadmap data fetch cdnow`."
        ) from exc


def _cdnow_sample(n_customers: int, seed: int) -> pd.DataFrame:
    """Every transaction of `n_customers` random CDNOW customers, rows shuffled (a copy)."""
    frame = _cdnow()
    rng = np.random.default_rng(seed)
    customers = rng.choice(np.sort(frame["customer_id"].unique()), n_customers, replace=False)
    sample = frame[frame["customer_id"].isin(customers)]
    return sample.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def _call_rfm(rfm_table: Any, transactions: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
    given = transactions.copy()
    result = rfm_table(transactions, **kwargs)
    expect(
        transactions.equals(given),
        "rfm_table changed the transactions it was given (a column added or overwritten, "
        "rows sorted in place): work on a copy, or with groupby, which does not modify them.",
    )
    expect(
        isinstance(result, pd.DataFrame),
        f"rfm_table returned {type(result).__name__}, expected a pandas DataFrame."
        + (" (Did you forget a return statement?)" if result is None else ""),
    )
    return result


def _expect_rfm_shape(result: pd.DataFrame, expected: pd.DataFrame, where: str) -> None:
    """Columns, index and dtypes of an RFM table, before its values are compared."""
    expect_equal(
        list(result.columns),
        RFM_COLUMNS,
        call=f"list(rfm_table(...).columns) {where}",
        note="Name the columns recency, frequency, monetary, in this order.",
    )
    expect(
        result.index.name == "customer_id",
        f"The index of rfm_table's result {where} is named {result.index.name!r}: it must be "
        "customer_id (groupby('customer_id') gives that name; do not reset_index).",
    )
    expect(
        len(result) == len(expected) and set(result.index) == set(expected.index),
        f"rfm_table {where} has {len(result)} rows for {len(expected)} customers: one row per "
        "customer, every customer of the log.",
    )
    expect(
        list(result.index) == list(expected.index),
        f"rfm_table's rows {where} are not sorted by customer_id: sort the index "
        "(groupby sorts its keys by default).",
    )
    for column in ("recency", "frequency"):
        expect(
            pd.api.types.is_integer_dtype(result[column]),
            f"Column {column} {where} has dtype {result[column].dtype}: it counts days, so it "
            "must be an integer column (.dt.days and nunique give int64).",
        )


def _expect_rfm_values(
    result: pd.DataFrame, expected: pd.DataFrame, where: str, mistakes: dict[str, Any]
) -> None:
    """Compare each column, naming the usual mistake when the result matches it."""
    for column in RFM_COLUMNS:
        got = result[column].to_numpy(dtype=float)
        want = expected[column].to_numpy(dtype=float)
        if np.allclose(got, want, rtol=1e-9, atol=1e-9):
            continue
        for message, wrong in mistakes.items():
            if wrong[0] == column and np.allclose(got, wrong[1], rtol=1e-9, atol=1e-9):
                fail(f"{column} {where}: {message}")
        bad = int(np.argmax(~np.isclose(got, want, rtol=1e-9, atol=1e-9)))
        fail(
            f"{column} {where} is wrong for customer {expected.index[bad]}: {got[bad]:.6g}, "
            f"expected {want[bad]:.6g}."
        )


def _mistakes(transactions: pd.DataFrame, snapshot: Any = None) -> dict[str, Any]:
    """What the usual wrong RFM tables hold: message -> (column, values)."""
    dates = transactions["date"]
    when = dates.max() + pd.Timedelta(days=1) if snapshot is None else pd.Timestamp(snapshot)
    groups = transactions.groupby("customer_id")
    return {
        "it counts the days since each customer's FIRST purchase; recency is the days since "
        "their LAST purchase (groupby(...)['date'].max()).": (
            "recency",
            (when - groups["date"].min()).dt.days.to_numpy(float),
        ),
        "it is 1 less than expected for every customer: the default snapshot is the day AFTER "
        "the last transaction of the log (dates.max() + pd.Timedelta(days=1)), so the most "
        "recent customers have recency 1.": (
            "recency",
            (when - pd.Timedelta(days=1) - groups["date"].max()).dt.days.to_numpy(float),
        ),
        "it counts rows; frequency is the number of distinct purchase DAYS: two rows on the "
        "same day are one visit (nunique on the date).": (
            "frequency",
            groups.size().to_numpy(float),
        ),
        "it counts repeat purchase days (days - 1, lifetimes' convention); the contract's "
        "frequency counts every purchase day, so a one-time customer has frequency 1.": (
            "frequency",
            groups["date"].nunique().to_numpy(float) - 1.0,
        ),
        "it averages the purchases; monetary is the TOTAL spend (sum of dollar_value).": (
            "monetary",
            groups["dollar_value"].mean().to_numpy(float),
        ),
    }


def _blobs(seed: int, centers: Array, n_per: int, spread: float) -> Array:
    rng = np.random.default_rng(seed)
    points = [c + spread * rng.standard_normal((n_per, centers.shape[1])) for c in centers]
    return np.vstack(points)[rng.permutation(len(centers) * n_per)]


def _call_segment(segment: Any, transactions: pd.DataFrame, **kwargs: Any) -> Any:
    result = segment(transactions.copy(), **kwargs)
    expect(
        isinstance(result, tuple) and len(result) == 2,
        f"segment returned {type(result).__name__}: it must return a pair (labels, profile)."
        + (" (Did you forget a return statement?)" if result is None else ""),
    )
    labels, profile = result
    expect(
        isinstance(labels, pd.Series),
        f"segment's labels are a {type(labels).__name__}: return a pandas Series indexed by "
        "customer_id (pd.Series(model.labels_, index=rfm.index, name='segment')).",
    )
    expect(
        isinstance(profile, pd.DataFrame),
        f"segment's profile is a {type(profile).__name__}: return a pandas DataFrame.",
    )
    return labels, profile


def _aligned_labels(labels: pd.Series, rfm: pd.DataFrame) -> np.ndarray[Any, Any]:
    """The learner's labels in the order of the reference RFM table (checked elsewhere)."""
    expect(
        len(labels) == len(rfm),
        f"segment returned {len(labels)} labels for {len(rfm)} customers: one label per "
        "customer of the log.",
    )
    expect(
        set(labels.index) == set(rfm.index),
        f"segment's labels are indexed by {list(labels.index[:3])}..., not by the customer ids "
        f"({list(rfm.index[:3])}...): build the Series with index=rfm.index, "
        "the index of rfm_table's result.",
    )
    aligned: np.ndarray[Any, Any] = labels.reindex(rfm.index).to_numpy()
    return aligned


def _inertia(X: Array, labels: np.ndarray[Any, Any]) -> float:
    """Sum of squared distances of the rows of X to the mean of their cluster."""
    total = 0.0
    for label in np.unique(labels):
        members = X[labels == label]
        total += float(((members - members.mean(axis=0)) ** 2).sum())
    return total


# --- RFM features --------------------------------------------------------------------------

# A hand-made log (rows out of order): ties on a day, one-time customers, a zero dollar row.
SMALL_LOG = [
    (7, "1997-03-10", 20.00),
    (3, "1997-01-15", 12.00),
    (12, "1997-03-19", 8.25),
    (7, "1997-03-01", 10.00),
    (5, "1997-02-14", 30.00),
    (9, "1997-03-20", 4.99),
    (7, "1997-03-01", 5.50),  # a second line of customer 7's order of 1 March
    (12, "1997-02-14", 0.00),  # two lines on 14 February, one of $0: one visit
    (5, "1997-01-02", 30.00),
    (5, "1997-03-20", 30.00),
    (12, "1997-02-14", 15.00),
    (5, "1997-03-20", 11.00),
]
# Worked out by hand; the default snapshot is 1997-03-21, the day after the last purchase.
SMALL_RFM = {
    3: (65, 1, 12.00),  # one purchase, 15 January: 16 + 28 + 21 days to 21 March
    5: (1, 3, 101.00),  # bought on the last day (two lines), recency 1; three purchase days
    7: (11, 2, 35.50),  # two lines on 1 March are one visit: 2 days, 3 rows
    9: (1, 1, 4.99),  # one-time customer on the last day
    12: (2, 2, 23.25),  # 14 February (two lines, one of $0) and 19 March
}
SMALL_SNAPSHOT = "1997-04-01"  # 11 days later: every recency grows by 11


def _small_expected(shift: int = 0) -> pd.DataFrame:
    rfm = pd.DataFrame.from_dict(SMALL_RFM, orient="index", columns=RFM_COLUMNS)
    rfm["recency"] += shift
    rfm.index.name = "customer_id"
    return rfm


@check("rfm_table on a hand-made log: ties, one-time customers, default snapshot", hint="rfm")
def rfm_small_log(ctx: Context) -> None:
    rfm_table = _function(ctx, "rfm_table")
    log = _log(SMALL_LOG)
    result = _call_rfm(rfm_table, log)
    expected = _small_expected()
    where = "on the hand-made log"
    _expect_rfm_shape(result, expected, where)
    _expect_rfm_values(result, expected, where, _mistakes(log))


@check("rfm_table with an explicit snapshot date", hint="rfm")
def rfm_snapshot(ctx: Context) -> None:
    rfm_table = _function(ctx, "rfm_table")
    log = _log(SMALL_LOG)
    expected = _small_expected(shift=11)
    for given in (SMALL_SNAPSHOT, pd.Timestamp(SMALL_SNAPSHOT)):
        where = f"with snapshot={given!r}"
        result = _call_rfm(rfm_table, log, snapshot=given)
        _expect_rfm_shape(result, expected, where)
        if np.array_equal(result["recency"].to_numpy(), _small_expected()["recency"]):
            fail(
                f"recency {where} is the same as with the default snapshot: measure the days "
                "to the snapshot you are given (pd.Timestamp(snapshot)), when it is not None."
            )
        _expect_rfm_values(result, expected, where, _mistakes(log, SMALL_SNAPSHOT))
    try:
        rfm_table(log.copy(), snapshot="1997-03-20")
    except ValueError:
        pass
    else:
        fail(
            "rfm_table(transactions, snapshot='1997-03-20') returned a table, but two "
            "customers bought on that day: a snapshot must be later than every transaction, "
            "raise ValueError otherwise (a recency of 0 or below means nothing)."
        )


@check("rfm_table matches pandas on 2,000 CDNOW customers", hint="rfm")
def rfm_cdnow(ctx: Context) -> None:
    rfm_table = _function(ctx, "rfm_table")
    sample = _cdnow_sample(2_000, seed=1)
    for snapshot in (None, "1998-12-31"):
        where = "on 2,000 CDNOW customers" + (f" with snapshot={snapshot!r}" if snapshot else "")
        kwargs = {} if snapshot is None else {"snapshot": snapshot}
        result = _call_rfm(rfm_table, sample, **kwargs)
        expected = _reference_rfm(sample, snapshot)
        _expect_rfm_shape(result, expected, where)
        _expect_rfm_values(result, expected, where, _mistakes(sample, snapshot))


# --- scaling -------------------------------------------------------------------------------


@check("scale_rfm: log1p, then mean 0 and std 1 per column", hint="scaling")
def scaling(ctx: Context) -> None:
    scale_rfm = _function(ctx, "scale_rfm")
    rfm = _reference_rfm(_cdnow_sample(2_000, seed=2))
    given = rfm.copy()
    scaled = scale_rfm(rfm)
    expect(
        rfm.equals(given),
        "scale_rfm changed the table it was given (log1p or scaling in place): build a new array.",
    )
    expect(
        isinstance(scaled, np.ndarray),
        f"scale_rfm returned {type(scaled).__name__}, expected a NumPy array (.to_numpy(), or "
        "what StandardScaler.fit_transform returns)."
        + (" (Did you forget a return statement?)" if scaled is None else ""),
    )
    expect(
        scaled.shape == (len(rfm), 3),
        f"scale_rfm returned shape {scaled.shape}, expected ({len(rfm)}, 3): one row per "
        "customer, the columns recency, frequency, monetary.",
    )
    scaled = scaled.astype(float)
    expected = _reference_scaled(rfm)
    if not np.allclose(scaled, expected, rtol=1e-6, atol=1e-9):
        raw = rfm[RFM_COLUMNS].to_numpy(dtype=float)
        logged = np.log1p(raw)
        mistakes = {
            "it standardises the raw values: apply np.log1p first. Spend and frequency have long "
            "right tails; without the log, a few big customers own whole clusters.": (
                (raw - raw.mean(axis=0)) / raw.std(axis=0)
            ),
            "it holds log1p of the values, not standardised: after the log, subtract each "
            "column's mean and divide by its std (or use StandardScaler), so that K-Means "
            "weighs the three features equally.": logged,
            "it is the raw table: scale_rfm must apply log1p, then standardise each column.": raw,
            "it divides by the sample std (ddof=1): the contract uses the population std, "
            "ddof=0, as StandardScaler and np.std do by default.": (
                (logged - logged.mean(axis=0)) / logged.std(axis=0, ddof=1)
            ),
            "it uses log instead of log1p: log1p(x) = log(1 + x) is defined at 0 (a $0 "
            "customer) and is the contract's transform.": np.log(np.maximum(raw, 1e-300)),
        }
        for message, wrong in mistakes.items():
            if np.allclose(scaled, wrong, rtol=1e-6, atol=1e-9):
                fail(f"scale_rfm's result is wrong: {message}")
        means, stds = scaled.mean(axis=0), scaled.std(axis=0)
        fail(
            "scale_rfm's result differs from log1p then standardising (largest difference "
            f"{np.max(np.abs(scaled - expected)):.3g}); its column means are "
            f"{np.array2string(means, precision=3)} and stds {np.array2string(stds, precision=3)} "
            "(expected 0 and 1). Are the columns in the order recency, frequency, monetary?"
        )
    constant = pd.DataFrame(
        {"recency": [5, 40, 200], "frequency": [1, 1, 1], "monetary": [10.0, 20.0, 0.0]},
        index=pd.Index([1, 2, 3], name="customer_id"),
    )
    with np.errstate(all="ignore"):
        flat = np.asarray(scale_rfm(constant), dtype=float)
    expect_close(
        flat,
        _reference_scaled(constant),
        what="scale_rfm on a table where every customer has frequency 1",
        note="A constant column has std 0: it must become zeros, not NaN (divide by 1 where "
        "the std is 0, as StandardScaler does).",
    )


# --- choosing k ----------------------------------------------------------------------------


@check("choose_k finds the number of well-separated blobs by silhouette", hint="choose_k")
def choose_k_blobs(ctx: Context) -> None:
    choose_k = _function(ctx, "choose_k")
    KMeans, silhouette_score = _sklearn()
    five = np.array([[0, 0, 0], [9, 0, 0], [0, 9, 0], [0, 0, 9], [9, 9, 9]], dtype=float)
    three = np.array([[0, 0], [10, 2], [4, 11]], dtype=float)
    cases = {
        "5 blobs in 3-D": (_blobs(11, five, 80, 1.0), range(2, 9), 5),
        "3 blobs in 2-D": (_blobs(12, three, 100, 1.2), range(2, 7), 3),
    }
    for label, (X, k_range, true_k) in cases.items():
        call = f"choose_k(X, k_range=range({k_range.start}, {k_range.stop}), random_state=0)"
        result = choose_k(X.copy(), k_range=k_range, random_state=0)
        expect(
            isinstance(result, tuple) and len(result) == 2,
            f"{call} on {label} returned {type(result).__name__}: it must return a pair "
            "(k, scores)." + (" (Did you forget a return statement?)" if result is None else ""),
        )
        k, scores = result
        expect(
            isinstance(scores, dict) and list(scores) == list(k_range),
            f"{call} on {label}: scores must be a dict with one entry per k of k_range, in its "
            f"order ({list(k_range)}), got {scores!r:.200}.",
        )
        values = np.array([float(v) for v in scores.values()])
        expect(
            bool(np.all((values >= -1.0) & (values <= 1.0))),
            f"{call} on {label}: the scores {np.array2string(values, precision=3)} are not "
            "silhouette scores, which lie in [-1, 1]. If they are inertias: the inertia always "
            "decreases as k grows, so it cannot choose k; score each k with "
            "sklearn.metrics.silhouette_score(X, labels) and keep the highest.",
        )
        if k == max(k_range) and true_k != k:
            fail(
                f"{call} on {label} chose k={k}, the largest k tried: inertia always decreases "
                "as k grows, so its minimum says nothing. Choose the k with the HIGHEST "
                "silhouette score."
            )
        best = max(scores, key=lambda key: float(scores[key]))
        expect(
            int(k) == int(best),
            f"{call} on {label} returned k={k}, but its own scores are highest at k={best}: "
            "return the k with the highest silhouette.",
        )
        labels = KMeans(n_clusters=true_k, n_init=10, random_state=0).fit_predict(X)
        reference = float(silhouette_score(X, labels))
        expect_close(
            float(scores[true_k]),
            reference,
            what=f"scores[{true_k}] on {label}",
            rtol=0.0,
            atol=0.02,
            note="It should be the silhouette of K-Means with that k on X itself: "
            "silhouette_score(X, KMeans(n_clusters=k, n_init=10, random_state=...)"
            ".fit_predict(X)).",
        )
        expect_equal(
            int(k),
            true_k,
            call=f"the k of {call} on {label}",
            note="These blobs are well separated: the silhouette is highest at their number.",
        )
    X = cases["3 blobs in 2-D"][0]
    first = choose_k(X.copy(), k_range=range(2, 7), random_state=3)[1]
    again = choose_k(X.copy(), k_range=range(2, 7), random_state=3)[1]
    expect(
        all(np.isclose(float(first[k]), float(again[k])) for k in first),
        "Two calls of choose_k with random_state=3 gave different scores: pass random_state "
        "to KMeans (and to silhouette_score when you sample).",
    )


# --- segments ------------------------------------------------------------------------------


@check("segment labels every customer and profiles each segment", hint="segment")
def segment_profile(ctx: Context) -> None:
    segment = _function(ctx, "segment")
    sample = _cdnow_sample(SAMPLE_CUSTOMERS, SAMPLE_SEED)
    rfm = _reference_rfm(sample)
    labels, profile = _call_segment(segment, sample, random_state=0)
    values = _aligned_labels(labels, rfm)
    expect(
        list(labels.index) == list(rfm.index),
        "segment's labels are not in the order of rfm_table (customer_id, sorted): build the "
        "Series with index=rfm.index.",
    )
    expect(
        pd.api.types.is_integer_dtype(labels),
        f"segment's labels have dtype {labels.dtype}: they must be integers 0..k-1.",
    )
    k = len(np.unique(values))
    expect(
        set(np.unique(values).tolist()) == set(range(k)),
        f"segment's labels are {sorted(np.unique(values).tolist())}: expected 0..k-1.",
    )
    expect(
        k in K_RANGE,
        f"segment made {k} segments: k must be chosen in {K_RANGE.start}..{K_RANGE.stop - 1} "
        "(choose_k(X, k_range=range(3, 9), ...)).",
    )
    expect_equal(
        list(profile.columns),
        PROFILE_COLUMNS,
        call="list(profile.columns)",
        note="The profile has the columns size, share, recency, frequency, monetary.",
    )
    expect_equal(
        [int(i) for i in profile.index],
        list(range(k)),
        call="list(profile.index)",
        note="One row per segment, indexed 0..k-1 in order (groupby(labels) sorts them).",
    )
    counts = np.bincount(values.astype(int), minlength=k)
    expect_close(
        profile["size"].to_numpy(dtype=float),
        counts,
        what="profile['size']",
        note="size is the number of customers in each segment.",
    )
    expect_close(
        profile["share"].to_numpy(dtype=float),
        counts / counts.sum(),
        what="profile['share']",
        note="share is size / number of customers (the shares sum to 1).",
    )
    means = rfm.groupby(values).mean()
    for column in RFM_COLUMNS:
        expect_close(
            profile[column].to_numpy(dtype=float),
            means[column].to_numpy(dtype=float),
            what=f"profile['{column}']",
            rtol=1e-6,
            note=f"It is the mean {column} (raw, not scaled) of each segment's customers.",
        )
    shop, _ = _shop()
    first, _ = _call_segment(segment, shop, random_state=1)
    again, _ = _call_segment(segment, shop, random_state=1)
    expect(
        first.equals(again),
        "Two calls of segment with random_state=1 gave different labels: pass random_state "
        "to every KMeans (and to silhouette_score when you sample).",
    )


@check(
    "segments are K-Means clusters of the scaled RFM, silhouette reaches the bar",
    hint="segment",
)
def segment_quality(ctx: Context) -> None:
    segment = _function(ctx, "segment")
    KMeans, silhouette_score = _sklearn()
    sample = _cdnow_sample(SAMPLE_CUSTOMERS, SAMPLE_SEED)
    rfm = _reference_rfm(sample)
    X = _reference_scaled(rfm)
    labels, _ = _call_segment(segment, sample, random_state=0)
    values = _aligned_labels(labels, rfm)
    k = len(np.unique(values))
    expect(k >= 2, f"segment put every customer in one segment (k={k}).")
    ctx.record("k", k)
    models = {kk: KMeans(n_clusters=kk, n_init=10, random_state=0).fit(X) for kk in K_RANGE}
    reference = models[k] if k in models else KMeans(n_clusters=k, n_init=10).fit(X)
    ratio = _inertia(X, values) / float(reference.inertia_)
    if ratio > INERTIA_TOLERANCE:
        fail(
            f"On the scaled RFM (log1p, then standardised), your {k} segments have an inertia "
            f"{ratio:.2f} times the one K-Means reaches with k={k}: they are not K-Means "
            "clusters of those features. Did segment cluster the raw or the log-only table "
            "instead of scale_rfm(rfm_table(transactions))?"
        )
    score = float(silhouette_score(X, values))
    best = {kk: float(silhouette_score(X, model.labels_)) for kk, model in models.items()}
    best_k = max(best, key=lambda key: best[key])
    expect_bar(
        ctx,
        "silhouette",
        score,
        note=f"(k={k}, on the scaled RFM of {SAMPLE_CUSTOMERS:,} CDNOW customers). There the "
        f"silhouette is highest at k={best_k} ({best[best_k]:.3f}): choose k with "
        "choose_k(X, range(3, 9), ...) on the same scaled X that K-Means clusters.",
    )


def _shop(seed: int = 7, per_group: int = 60) -> tuple[pd.DataFrame, np.ndarray[Any, Any]]:
    """A year of a shop with four kinds of customers; returns the log and each one's kind.

    Kinds (recency days, purchase days, dollars per purchase): lapsed small one-timers
    (300, 1, 10), lapsed larger one-timers (300, 1, 60), regulars (30, 5, 40), fans (5, 20,
    100). After log1p and standardising, the four are well apart (silhouette 0.88 at k=4).
    In dollars, the fans' $2,000 dwarf the $50 between the two kinds of one-timers, so a
    silhouette judged on the raw table prefers k=3 (0.84 against 0.65).
    """
    rng = np.random.default_rng(seed)
    snapshot = pd.Timestamp("1998-01-01")
    kinds = [(300, 1, 10.0), (300, 1, 60.0), (30, 5, 40.0), (5, 20, 100.0)]
    rows: list[tuple[int, pd.Timestamp, float]] = []
    truth: list[int] = []
    customer = 1000
    for kind, (recency, frequency, spend) in enumerate(kinds):
        for _ in range(per_group):
            customer += 1
            last = snapshot - pd.Timedelta(days=max(1, int(rng.normal(recency, recency * 0.1))))
            n_days = 1 if frequency == 1 else max(2, round(rng.normal(frequency, frequency * 0.15)))
            span = (last - pd.Timestamp("1997-01-01")).days
            earlier = rng.choice(np.arange(1, span), n_days - 1, replace=False)
            for day in [last, *(last - pd.Timedelta(days=int(d)) for d in earlier)]:
                rows.append((customer, day, round(spend * float(rng.lognormal(0.0, 0.15)), 2)))
            truth.append(kind)
    log = pd.DataFrame(rows, columns=["customer_id", "date", "dollar_value"])
    log.insert(2, "number_of_cds", 1)
    return log.sample(frac=1.0, random_state=seed).reset_index(drop=True), np.array(truth)


@check("segment chooses k by the silhouette of the features it clusters", hint="segment")
def segment_chooses_k(ctx: Context) -> None:
    segment = _function(ctx, "segment")
    log, truth = _shop()
    rfm = _reference_rfm(log)
    labels, _ = _call_segment(segment, log, random_state=0)
    values = _aligned_labels(labels, rfm)
    k = len(np.unique(values))
    if k == 3:
        fail(
            "On a shop with four kinds of customers, segment made 3 segments. On the scaled "
            "RFM the silhouette is highest at k=4 (0.88); it is on the RAW table that k=3 wins "
            "(0.84). Cluster AND score the same scaled features: X = scale_rfm(rfm), "
            "choose_k(X, ...), then KMeans on X."
        )
    expect(
        k == 4,
        f"On a shop with four well-separated kinds of customers, segment made {k} segments, "
        "expected 4 (the silhouette of the scaled RFM is highest there, 0.88).",
    )
    pairs = pd.crosstab(values, truth)
    expect(
        int((pairs > 0).sum().sum()) == 4,
        "segment found 4 segments, but they mix the four kinds of customers of the shop: "
        "cluster scale_rfm(rfm) (log1p, then standardised), not the raw table.",
    )


# --- names ---------------------------------------------------------------------------------


def _profile(rows: dict[int, tuple[int, float, float, float]]) -> pd.DataFrame:
    """A segment profile from {segment: (size, recency, frequency, monetary)}."""
    frame = pd.DataFrame.from_dict(
        rows, orient="index", columns=["size", "recency", "frequency", "monetary"]
    ).sort_index()
    frame.insert(1, "share", frame["size"] / frame["size"].sum())
    frame.index.name = "segment"
    return frame


# Profiles like the ones K-Means finds on CDNOW (and a shop with new customers), segments in
# an arbitrary order; the last two numbers of each case: the best and the lapsed segment.
NAMING_CASES: dict[str, tuple[dict[int, tuple[int, float, float, float]], int, int]] = {
    "three segments (CDNOW, k=3)": (
        {0: (6739, 280.4, 3.2, 120.2), 1: (13407, 492.4, 1.1, 28.1), 2: (3424, 54.9, 9.1, 383.7)},
        2,
        1,
    ),
    "four segments (CDNOW, k=4)": (
        {
            0: (4843, 179.0, 4.4, 163.2),
            1: (7331, 434.2, 1.7, 64.8),
            2: (2331, 37.5, 10.7, 459.4),
            3: (9065, 501.0, 1.0, 18.1),
        },
        2,
        3,
    ),
    "eight segments (CDNOW, k=8)": (
        {
            0: (785, 23.4, 17.1, 794.6),
            1: (5346, 503.8, 1.0, 48.5),
            2: (1751, 101.0, 3.1, 81.2),
            3: (1076, 19.9, 4.9, 156.5),
            4: (1869, 123.4, 7.9, 333.1),
            5: (6723, 502.1, 1.0, 14.5),
            6: (2545, 321.5, 3.5, 162.5),
            7: (3475, 386.9, 2.2, 49.8),
        },
        0,
        1,
    ),
    "five segments with new customers": (
        {
            0: (900, 480.0, 1.0, 20.0),
            1: (400, 15.0, 1.0, 25.0),
            2: (300, 20.0, 14.0, 700.0),
            3: (500, 320.0, 6.0, 250.0),
            4: (800, 150.0, 2.5, 70.0),
        },
        2,
        0,
    ),
}


def _has(name: str, words: tuple[str, ...]) -> bool:
    """Whether a word of `name` starts with one of `words` ("one-timers" has "one-time";
    "stopped" has no "top", "disloyal" no "loyal")."""
    lowered = name.lower()
    return any(re.search(r"\b" + re.escape(word), lowered) for word in words)


@check("name_segments: the best segment sounds loyal, the lapsed one lapsed", hint="naming")
def naming(ctx: Context) -> None:
    name_segments = _function(ctx, "name_segments")
    for label, (rows, best, lapsed) in NAMING_CASES.items():
        profile = _profile(rows)
        given = profile.copy()
        names = name_segments(profile)
        expect(profile.equals(given), "name_segments changed the profile it was given.")
        expect(
            isinstance(names, dict) and set(names) == set(profile.index),
            f"name_segments on {label} returned {names!r:.200}: expected a dict with one name "
            f"for each segment {sorted(profile.index)}."
            + (" (Did you forget a return statement?)" if names is None else ""),
        )
        expect(
            all(isinstance(n, str) and n.strip() for n in names.values()),
            f"name_segments on {label}: every name must be a non-empty string, got {names!r}.",
        )
        expect(
            len({n.strip().lower() for n in names.values()}) == len(names),
            f"name_segments on {label} gave two segments the same name ({names!r}): a "
            "marketing team cannot act on two segments it cannot tell apart. Qualify the "
            "duplicates (by spend, for example).",
        )
        shown = f"on {label} (profile:\n{profile[['recency', 'frequency', 'monetary']]})"
        expect(
            _has(names[best], LOYAL_WORDS) and not _has(names[best], LAPSED_WORDS),
            f"name_segments named segment {best} {names[best]!r} {shown}: it has the highest "
            "mean frequency and spend and bought recently, so its name must contain one of "
            f"{', '.join(LOYAL_WORDS)} (and none of the lapsed words). Base the names on the "
            "profile's numbers, not on the segment numbers, which K-Means picks at random.",
        )
        expect(
            _has(names[lapsed], LAPSED_WORDS) and not _has(names[lapsed], LOYAL_WORDS),
            f"name_segments named segment {lapsed} {names[lapsed]!r} {shown}: it has the "
            "highest mean recency and its customers bought about once, so its name must contain "
            f"one of {', '.join(LAPSED_WORDS)} (and none of the loyal words).",
        )
