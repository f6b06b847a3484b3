"""Wrong: choose_k keeps the k with the lowest inertia (always the largest k).

Fails: choose_k_blobs
Says: inertia always decreases
"""

from __future__ import annotations

from sklearn.cluster import KMeans
from tests.content.submissions.m05_segmentation.alt_standardscaler import *


def choose_k(X, k_range=range(2, 9), random_state=0, sample_size=None):
    scores = {}
    for k in k_range:
        model = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit(X)
        scores[k] = float(model.inertia_)
    return min(scores, key=scores.get), scores
