"""Customer segmentation with RFM features and K-Means (m05-segmentation), reference solution.

From a log of purchases (one row per order line: customer_id, date, dollar_value) to named
customer segments, in five steps:

    rfm_table      per customer: Recency, Frequency, Monetary value
    scale_rfm      log1p (the three are right-skewed), then mean 0 / std 1 per column
    choose_k       the number of segments with the best silhouette
    segment        K-Means on the scaled table, and a profile of each segment
    name_segments  a business name per segment, by rules on the profile

Why it is right:
- Frequency counts purchase *days*: CDNOW logs one row per order line, so two rows on the same
  day are one visit. Monetary sums every row. Recency is measured from the *last* purchase to
  a snapshot date, by default the day after the last transaction in the log, so the most
  recent customers have recency 1 (not 0) and every customer is judged at the same instant.
- K-Means measures Euclidean distance, so a column in dollars (0 to 14,000) would drown a
  column in visits (1 to 171). log1p pulls in the long right tails first (a few big spenders
  would otherwise own a cluster each), then standardising gives each feature the same weight.
- The silhouette is computed on the same scaled features K-Means clustered: judged on other
  features, a partition looks good or bad for reasons K-Means never saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

__all__ = [
    "LAPSED_NAME",
    "LOYAL_NAME",
    "RFM_COLUMNS",
    "SEGMENT_K_RANGE",
    "choose_k",
    "kmeans",
    "name_segments",
    "profile_segments",
    "rfm_table",
    "scale_rfm",
    "segment",
]

RFM_COLUMNS = ("recency", "frequency", "monetary")

# segment() chooses k in 3..8: two segments ("buyers" and "the rest") give a marketing team
# nothing to act on, and more than eight cannot each get their own campaign.
SEGMENT_K_RANGE = range(3, 9)

# The silhouette compares every pair of points (n^2 distances): above this many customers,
# choose_k is asked to score a random sample of them (5,000 gives the score to about 0.01).
SILHOUETTE_SAMPLE = 5_000

# A segment whose customers bought on 1.5 days or fewer on average is "one-time" buyers.
ONE_TIME_FREQUENCY = 1.5

LOYAL_NAME = "loyal high spenders"
LAPSED_NAME = "lapsed one-timers"


# --- features ------------------------------------------------------------------------------


def rfm_table(transactions: pd.DataFrame, snapshot: Any = None) -> pd.DataFrame:
    """Recency, frequency and monetary value of every customer in a transaction log.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase line, with columns customer_id, date (datetime64, whole days)
        and dollar_value; other columns are ignored. It is not modified.
    snapshot : date-like or None
        The day the customers are judged on (anything `pd.Timestamp` accepts). None: the day
        after the last transaction of the log. It must be later than every transaction.

    Returns
    -------
    DataFrame indexed by customer_id (sorted), with columns
        recency (int): days from the customer's last purchase to the snapshot (>= 1),
        frequency (int): number of distinct days with a purchase,
        monetary (float): total dollar_value over all the customer's rows.
    """
    missing = {"customer_id", "date", "dollar_value"} - set(transactions.columns)
    if missing:
        raise ValueError(f"transactions lacks the column(s) {sorted(missing)}")
    if transactions.empty:
        raise ValueError("transactions is empty: there is no customer to describe")
    dates = pd.to_datetime(transactions["date"])
    last_day = dates.max()
    when = last_day + pd.Timedelta(days=1) if snapshot is None else pd.Timestamp(snapshot)
    if when <= last_day:
        raise ValueError(
            f"snapshot {when.date()} is not after the last transaction ({last_day.date()}): "
            "pass a later date, or None for the day after the last transaction"
        )
    per_customer = (
        transactions.assign(date=dates)
        .groupby("customer_id", sort=True)
        .agg(
            last=("date", "max"),
            frequency=("date", "nunique"),  # same-day rows are one visit
            monetary=("dollar_value", "sum"),
        )
    )
    rfm = pd.DataFrame(
        {
            "recency": (when - per_customer["last"]).dt.days.astype("int64"),
            "frequency": per_customer["frequency"].astype("int64"),
            "monetary": per_customer["monetary"].astype("float64"),
        },
        index=per_customer.index,
    )
    rfm.index.name = "customer_id"
    return rfm


def scale_rfm(rfm: pd.DataFrame) -> NDArray[np.float64]:
    """log1p of recency, frequency and monetary, then each column to mean 0 and std 1.

    Returns an array of shape (n_customers, 3), columns in the order recency, frequency,
    monetary. The std is the population one (ddof=0, as sklearn's StandardScaler); a column
    that is constant becomes zeros. `rfm` is not modified.
    """
    values = rfm.loc[:, list(RFM_COLUMNS)].to_numpy(dtype=float)
    if (values < 0).any():
        raise ValueError("rfm holds negative values: log1p needs recency, frequency, monetary >= 0")
    logged = np.log1p(values)
    centred = logged - logged.mean(axis=0)
    constant = np.ptp(logged, axis=0) == 0
    std = np.where(constant, 1.0, logged.std(axis=0))
    scaled: NDArray[np.float64] = centred / std
    scaled[:, constant] = 0.0  # not the rounding noise of (v - mean(v)) for a constant v
    return scaled


# --- clustering ----------------------------------------------------------------------------


def kmeans(X: ArrayLike, k: int, random_state: int | None = 0) -> KMeans:
    """K-Means with k clusters fitted on X: the best of 10 k-means++ starts (least inertia)."""
    return KMeans(n_clusters=k, n_init=10, random_state=random_state).fit(X)


def choose_k(
    X: ArrayLike,
    k_range: Iterable[int] = range(2, 9),
    random_state: int | None = 0,
    sample_size: int | None = None,
) -> tuple[int, dict[int, float]]:
    """The number of clusters with the highest silhouette score, and the score of every k.

    For each k, K-Means (see `kmeans`) clusters all of X and the silhouette is computed on X
    itself, or on a random sample of `sample_size` rows when X has more (the score costs
    n^2 distances). Ties go to the smallest k.

    Returns
    -------
    (k, scores): the chosen k, and {k: silhouette} for every k of k_range, in its order.
    """
    X_arr = np.asarray(X, dtype=float)
    n = X_arr.shape[0]
    ks = [int(k) for k in k_range]
    if not ks:
        raise ValueError("k_range is empty: give at least one number of clusters")
    if min(ks) < 2 or max(ks) >= n:
        raise ValueError(f"every k must be in 2..{n - 1} for {n} rows (silhouette), got {ks}")
    sample = sample_size if sample_size is not None and sample_size < n else None
    scores: dict[int, float] = {}
    for k in ks:
        labels = kmeans(X_arr, k, random_state).labels_
        scores[k] = float(
            silhouette_score(X_arr, labels, sample_size=sample, random_state=random_state)
        )
    best = max(scores.values())
    return min(k for k, score in scores.items() if score == best), scores


def profile_segments(rfm: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Size, share of the customers and mean recency, frequency, monetary of each segment."""
    grouped = rfm.loc[:, list(RFM_COLUMNS)].groupby(labels.reindex(rfm.index), sort=True)
    sizes = grouped.size()
    profile = grouped.mean()
    profile.insert(0, "size", sizes.astype("int64"))
    profile.insert(1, "share", sizes / sizes.sum())
    profile.index = profile.index.astype("int64")
    profile.index.name = "segment"
    return profile


def segment(
    transactions: pd.DataFrame,
    k_range: Iterable[int] = SEGMENT_K_RANGE,
    random_state: int | None = 0,
) -> tuple[pd.Series, pd.DataFrame]:
    """Cluster the customers of a transaction log on their scaled RFM with K-Means.

    Returns
    -------
    labels : Series of int named "segment", indexed by customer_id (as `rfm_table`), with
        values 0..k-1, k chosen by `choose_k` over `k_range`.
    profile : DataFrame indexed by segment 0..k-1, columns size, share, recency, frequency,
        monetary (the means of each segment's raw RFM values).
    """
    rfm = rfm_table(transactions)
    X = scale_rfm(rfm)
    k, _ = choose_k(X, k_range, random_state, sample_size=SILHOUETTE_SAMPLE)
    labels = pd.Series(kmeans(X, k, random_state).labels_, index=rfm.index, name="segment")
    labels = labels.astype("int64")
    return labels, profile_segments(rfm, labels)


# --- business names ------------------------------------------------------------------------


def name_segments(profile: pd.DataFrame) -> dict[int, str]:
    """A distinct business name for every segment of a profile (see `segment`), by rules.

    "Recent" means a mean recency below the average recency of all customers (segments
    weighted by size). In order, first rule that applies:

    - one-time buyers (mean frequency <= 1.5) who are not recent: "lapsed one-timers";
    - the segment with the highest mean monetary: "loyal high spenders" if recent, else
      "at-risk high spenders" (they spent the most, but are drifting away);
    - one-time buyers who are recent: "new customers";
    - repeat buyers with a recency below half the average: "active regulars"; below the
      average: "occasional buyers"; above it: "at risk".

    Two segments that land on the same rule are told apart by their spend: "(higher spend)"
    and "(lower spend)", or "(spend rank i)" for three or more.
    """
    weights = profile["size"].to_numpy(dtype=float) if "size" in profile else None
    mean_recency = float(np.average(profile["recency"].to_numpy(dtype=float), weights=weights))
    top_spender = profile["monetary"].idxmax()
    base: dict[int, str] = {}
    for label in profile.index.astype("int64").tolist():  # plain ints, as the result's keys
        row = profile.loc[label]
        recent = row["recency"] < mean_recency
        one_time = row["frequency"] <= ONE_TIME_FREQUENCY
        if one_time and not recent:
            name = LAPSED_NAME
        elif label == top_spender:
            name = LOYAL_NAME if recent else "at-risk high spenders"
        elif one_time:
            name = "new customers"
        elif row["recency"] < mean_recency / 2:
            name = "active regulars"
        elif recent:
            name = "occasional buyers"
        else:
            name = "at risk"
        base[label] = name
    return _disambiguate(base, profile["monetary"])


def _disambiguate(names: Mapping[int, str], monetary: pd.Series) -> dict[int, str]:
    """Qualify names shared by several segments with their rank by mean spend."""
    result = dict(names)
    for name in set(names.values()):
        sharing = [label for label, given in names.items() if given == name]
        if len(sharing) < 2:
            continue
        by_spend = sorted(sharing, key=lambda label: -float(monetary.loc[label]))
        for rank, label in enumerate(by_spend, start=1):
            if len(sharing) == 2:
                result[label] = f"{name} ({'higher' if rank == 1 else 'lower'} spend)"
            else:
                result[label] = f"{name} (spend rank {rank})"
    return result
