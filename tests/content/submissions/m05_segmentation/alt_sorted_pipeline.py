"""Correct: sorted rows and drop_duplicates for RFM, a Pipeline, elkan K-Means, other names."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

COLUMNS = ["recency", "frequency", "monetary"]


def rfm_table(transactions, snapshot=None):
    ordered = transactions.sort_values(["customer_id", "date"])
    if snapshot is None:
        snapshot = ordered["date"].max() + pd.Timedelta(days=1)
    snapshot = pd.Timestamp(snapshot)
    if (ordered["date"] >= snapshot).any():
        raise ValueError("every transaction must be before the snapshot")
    last = ordered.drop_duplicates("customer_id", keep="last").set_index("customer_id")["date"]
    visits = ordered.drop_duplicates(["customer_id", "date"]).groupby("customer_id").size()
    total = ordered.groupby("customer_id")["dollar_value"].sum()
    table = pd.DataFrame({"recency": (snapshot - last).dt.days, "frequency": visits})
    table["monetary"] = total
    return table


def scale_rfm(rfm):
    pipeline = make_pipeline(FunctionTransformer(np.log1p), StandardScaler())
    return np.asarray(pipeline.fit_transform(rfm[COLUMNS].to_numpy(dtype=float)))


def choose_k(X, k_range=range(2, 9), random_state=0, sample_size=None):
    scores = {}
    for k in k_range:
        model = KMeans(n_clusters=k, n_init=10, algorithm="elkan", random_state=random_state)
        labels = model.fit_predict(X)
        sample = None if sample_size is None or sample_size >= len(X) else sample_size
        scores[k] = float(
            silhouette_score(X, labels, sample_size=sample, random_state=random_state)
        )
    best = max(scores.values())
    return next(k for k in scores if scores[k] == best), scores


def segment(transactions, k_range=range(3, 9), random_state=0):
    rfm = rfm_table(transactions)
    X = scale_rfm(rfm)
    k = choose_k(X, k_range, random_state, sample_size=5000)[0]
    model = KMeans(n_clusters=k, n_init=10, algorithm="elkan", random_state=random_state)
    labels = pd.Series(model.fit_predict(X), index=rfm.index, name="segment")
    profile = rfm.groupby(labels)[COLUMNS].mean()
    sizes = labels.value_counts().sort_index()
    profile.insert(0, "size", sizes)
    profile.insert(1, "share", sizes / sizes.sum())
    return labels, profile


def name_segments(profile):
    average = (profile["recency"] * profile["size"]).sum() / profile["size"].sum()
    names = {}
    for label, row in profile.sort_values("monetary", ascending=False).iterrows():
        if label == profile["recency"].idxmax():
            name = "dormant" if row["frequency"] <= 1.5 else "sleeping regulars"
        elif label == profile["monetary"].idxmax() and row["recency"] < average:
            name = "VIP"
        elif row["recency"] < average:
            name = "newcomers" if row["frequency"] <= 1.5 else "steady"
        else:
            name = "slipping"
        while name in names.values():
            name += "+"
        names[label] = name
    return names
