"""Customer segmentation with RFM features and K-Means (m05-segmentation).

Fill in every function marked "# TODO:", top to bottom: each one builds on the previous.
You may use pandas, NumPy and scikit-learn (KMeans, silhouette_score, StandardScaler).
`airoadmap show m05-segmentation` gives the exact contract; `airoadmap check` grades your
work (functions you have not started read NOT ATTEMPTED); `airoadmap hint` helps when stuck.

Try it on the real data as you go:

    from airoadmap.datasets import load_frame
    transactions = load_frame("cdnow")   # customer_id, date, number_of_cds, dollar_value
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray


def rfm_table(transactions: pd.DataFrame, snapshot: Any = None) -> pd.DataFrame:
    """Recency, frequency and monetary value of every customer in a transaction log.

    transactions: one row per purchase line, with columns customer_id, date (datetime64)
    and dollar_value (other columns are ignored). Do not modify it.
    snapshot: the day the customers are judged on (anything pd.Timestamp accepts); None means
    the day after the last transaction of the log. A snapshot on or before the last
    transaction raises ValueError.

    Returns a DataFrame indexed by customer_id (sorted), with the columns
      recency (int): days from the customer's LAST purchase to the snapshot,
      frequency (int): number of distinct DAYS with a purchase (same-day rows count once),
      monetary (float): total dollar_value of all the customer's rows.
    """
    # TODO: group the rows by customer_id; take the last date, the number of distinct dates
    # and the sum of dollar_value; recency = (snapshot - last date) in days.
    raise NotImplementedError("rfm_table")


def scale_rfm(rfm: pd.DataFrame) -> NDArray[np.float64]:
    """log1p of recency, frequency and monetary, then each column to mean 0 and std 1.

    Returns an array of shape (n_customers, 3), columns recency, frequency, monetary. Use the
    population std (ddof=0, as StandardScaler); a constant column becomes zeros.
    """
    # TODO: np.log1p of the three columns, then standardise each column.
    raise NotImplementedError("scale_rfm")


def choose_k(
    X: ArrayLike,
    k_range: Iterable[int] = range(2, 9),
    random_state: int | None = 0,
    sample_size: int | None = None,
) -> tuple[int, dict[int, float]]:
    """The number of clusters with the highest silhouette score, and the score of every k.

    For each k of k_range: K-Means with k clusters on X (n_init=10, random_state), then the
    silhouette score of its labels on X (on a random sample of `sample_size` rows when X has
    more). Returns (best k, {k: score} in the order of k_range); ties go to the smallest k.
    """
    # TODO: a loop over k_range with sklearn.cluster.KMeans and
    # sklearn.metrics.silhouette_score; return the k with the highest score.
    raise NotImplementedError("choose_k")


def segment(
    transactions: pd.DataFrame,
    k_range: Iterable[int] = range(3, 9),
    random_state: int | None = 0,
) -> tuple[pd.Series, pd.DataFrame]:
    """Cluster the customers on their scaled RFM with K-Means, k chosen by choose_k.

    Returns (labels, profile):
      labels: Series of int 0..k-1 named "segment", indexed like rfm_table's result;
      profile: DataFrame indexed by segment 0..k-1, with the columns size, share, recency,
        frequency, monetary (the mean raw RFM values of each segment's customers).
    """
    # TODO: rfm_table -> scale_rfm -> choose_k -> KMeans on the scaled X; then the profile
    # with a groupby on the labels.
    raise NotImplementedError("segment")


def name_segments(profile: pd.DataFrame) -> dict[int, str]:
    """A distinct business name for every segment of a profile, by rules on its numbers.

    The segment with the highest mean frequency and spend that bought recently must get a
    "loyal" style name; the one with the highest mean recency whose customers bought about
    once a "lapsed" style name (the brief lists the keywords).
    """
    # TODO: compare each segment's mean recency, frequency and monetary with the other
    # segments' (or with the average customer) and pick a name by rules.
    raise NotImplementedError("name_segments")
