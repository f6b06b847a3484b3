"""Wrong: segment clusters (and scores) the raw RFM table.

Fails: segment_quality
Says: not K-Means clusters of those features
"""

from __future__ import annotations

import pandas as pd
from sklearn.cluster import KMeans
from tests.content.submissions.m05_segmentation.alt_standardscaler import *


def segment(transactions, k_range=range(3, 9), random_state=0):
    rfm = rfm_table(transactions)
    X = rfm.to_numpy(dtype=float)
    k, _ = choose_k(X, k_range, random_state, sample_size=5000)
    model = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit(X)
    labels = pd.Series(model.labels_, index=rfm.index, name="segment")
    grouped = rfm.groupby(labels)
    profile = grouped.mean()
    profile.insert(0, "size", grouped.size())
    profile.insert(1, "share", profile["size"] / len(rfm))
    return labels, profile
