"""Correct: named aggregation, StandardScaler, other names ("champions", "lost ...")."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler


def rfm_table(transactions, snapshot=None):
    last_day = transactions["date"].max()
    when = last_day + pd.Timedelta(days=1) if snapshot is None else pd.Timestamp(snapshot)
    if when <= last_day:
        raise ValueError("the snapshot must be after the last transaction")
    per = transactions.groupby("customer_id").agg(
        last=("date", "max"), frequency=("date", "nunique"), monetary=("dollar_value", "sum")
    )
    per["recency"] = (when - per["last"]).dt.days
    return per[["recency", "frequency", "monetary"]]


def scale_rfm(rfm):
    return StandardScaler().fit_transform(np.log1p(rfm[["recency", "frequency", "monetary"]]))


def choose_k(X, k_range=range(2, 9), random_state=0, sample_size=None):
    scores = {}
    for k in k_range:
        labels = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(X)
        size = sample_size if sample_size and sample_size < len(X) else None
        scores[k] = float(silhouette_score(X, labels, sample_size=size, random_state=random_state))
    return max(scores, key=scores.get), scores


def segment(transactions, k_range=range(3, 9), random_state=0):
    rfm = rfm_table(transactions)
    X = scale_rfm(rfm)
    k, _ = choose_k(X, k_range, random_state, sample_size=5000)
    model = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit(X)
    labels = pd.Series(model.labels_, index=rfm.index, name="segment")
    grouped = rfm.groupby(labels)
    profile = grouped.mean()
    profile.insert(0, "size", grouped.size())
    profile.insert(1, "share", profile["size"] / len(rfm))
    return labels, profile


def name_segments(profile):
    mean_recency = np.average(profile["recency"], weights=profile["size"])
    names = {}
    for label, row in profile.iterrows():
        if row["frequency"] == profile["frequency"].max() and row["recency"] < mean_recency:
            names[label] = "champions"
        elif row["recency"] == profile["recency"].max():
            names[label] = "lost one-time buyers" if row["frequency"] <= 1.5 else "lost regulars"
        elif row["frequency"] <= 1.5:
            names[label] = "new customers" if row["recency"] < mean_recency else "fading"
        else:
            names[label] = "regulars" if row["recency"] < mean_recency else "at risk"
    taken = {}
    for label in sorted(names, key=lambda lab: -profile.loc[lab, "monetary"]):
        taken[names[label]] = taken.get(names[label], 0) + 1
        if taken[names[label]] > 1:
            names[label] = f"{names[label]} {taken[names[label]]}"
    return names
