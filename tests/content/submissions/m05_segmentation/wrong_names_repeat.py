"""Wrong: two segments can get the same name.

Fails: naming
Says: the same name
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_segmentation.alt_standardscaler import *


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
    return names
    taken = {}
    for label in sorted(names, key=lambda lab: -profile.loc[lab, "monetary"]):
        taken[names[label]] = taken.get(names[label], 0) + 1
        if taken[names[label]] > 1:
            names[label] = f"{names[label]} {taken[names[label]]}"
    return names
