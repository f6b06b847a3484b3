"""Wrong: names by segment number (K-Means numbers its clusters at random).

Fails: naming
Says: Base the names on the profile's numbers
"""

from __future__ import annotations

from tests.content.submissions.m05_segmentation.alt_standardscaler import *


def name_segments(profile):
    fixed = ["loyal customers", "lapsed customers", "at risk", "new customers", "occasional"]
    return {
        label: fixed[i] if i < len(fixed) else f"segment {label}"
        for i, label in enumerate(profile.index)
    }
