"""Wrong: the profile holds the means of the scaled features.

Fails: segment_profile
Says: raw, not scaled
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
    labels = pd.Series(model.labels_, index=rfm.index, name="segment")
    scaled = pd.DataFrame(X, index=rfm.index, columns=["recency", "frequency", "monetary"])
    grouped = scaled.groupby(labels)
    profile = grouped.mean()
    profile.insert(0, "size", grouped.size())
    profile.insert(1, "share", profile["size"] / len(rfm))
    return labels, profile
