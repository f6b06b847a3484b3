"""Correct: RFM with plain Python loops, scaling by hand with NumPy, names by ranks."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


def rfm_table(transactions, snapshot=None):
    last, days, spend = {}, {}, {}
    for customer, date, dollars in zip(
        transactions["customer_id"],
        transactions["date"],
        transactions["dollar_value"],
        strict=True,
    ):
        day = pd.Timestamp(date).date()
        last[customer] = max(last.get(customer, day), day)
        days.setdefault(customer, set()).add(day)
        spend[customer] = spend.get(customer, 0.0) + float(dollars)
    latest = max(last.values())
    when = latest + dt.timedelta(days=1) if snapshot is None else pd.Timestamp(snapshot).date()
    if when <= latest:
        raise ValueError(f"snapshot {when} must be after the last purchase {latest}")
    customers = sorted(last)
    return pd.DataFrame(
        {
            "recency": [(when - last[c]).days for c in customers],
            "frequency": [len(days[c]) for c in customers],
            "monetary": [spend[c] for c in customers],
        },
        index=pd.Index(customers, name="customer_id"),
    )


def scale_rfm(rfm):
    logged = np.log1p(rfm[["recency", "frequency", "monetary"]].to_numpy(dtype=float))
    std = logged.std(axis=0)
    std[std == 0] = 1.0
    return (logged - logged.mean(axis=0)) / std


def choose_k(X, k_range=range(2, 9), random_state=0, sample_size=None):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(random_state)
    rows = np.arange(len(X))
    if sample_size is not None and sample_size < len(X):
        rows = rng.choice(len(X), sample_size, replace=False)
    scores = {}
    for k in k_range:
        labels = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(X)
        scores[k] = float(silhouette_score(X[rows], labels[rows]))
    best_k = list(scores)[int(np.argmax(list(scores.values())))]
    return best_k, scores


def segment(transactions, k_range=range(3, 9), random_state=0):
    rfm = rfm_table(transactions)
    X = scale_rfm(rfm)
    k, _ = choose_k(X, k_range, random_state, sample_size=8000)
    labels = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(X)
    counts = np.bincount(labels, minlength=k)
    profile = pd.DataFrame(
        {
            "size": counts,
            "share": counts / counts.sum(),
            **{
                col: np.bincount(labels, weights=rfm[col].to_numpy(float), minlength=k) / counts
                for col in ("recency", "frequency", "monetary")
            },
        },
        index=pd.RangeIndex(k, name="segment"),
    )
    return pd.Series(labels, index=rfm.index, name="segment"), profile


def name_segments(profile):
    # Rank the segments: value = rank of frequency + rank of monetary (higher is better).
    value = profile["frequency"].rank() + profile["monetary"].rank()
    best = value.idxmax()
    oldest = profile["recency"].idxmax()
    names = {}
    for label in profile.index:
        row = profile.loc[label]
        if label == best:
            names[label] = "best customers" if label != oldest else "big spenders gone quiet"
        elif label == oldest:
            names[label] = "lost one-off buyers" if row["frequency"] <= 1.5 else "lost regulars"
        else:
            names[label] = f"tier {int(value.rank(ascending=False, method='first')[label])}"
    return names
