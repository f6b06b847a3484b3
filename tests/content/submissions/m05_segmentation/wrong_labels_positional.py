"""Wrong: the labels are indexed 0..n-1, not by customer_id.

Fails: segment_profile
Says: index=rfm.index
"""

from __future__ import annotations

import pandas as pd
from sklearn.cluster import KMeans
from tests.content.submissions.m05_segmentation.alt_standardscaler import *


def segment(transactions, k_range=range(3, 9), random_state=0):
    rfm = rfm_table(transactions)
    X = scale_rfm(rfm)
    k, _ = choose_k(X, k_range, random_state, sample_size=5000)
    model = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit(X)
    labels = pd.Series(model.labels_, name="segment")
    grouped = rfm.groupby(labels.to_numpy())
    profile = grouped.mean()
    profile.insert(0, "size", grouped.size())
    profile.insert(1, "share", profile["size"] / len(rfm))
    return labels, profile
