"""Wrong: scale_rfm divides by the sample std (ddof=1).

Fails: scaling
Says: ddof=1
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_segmentation.alt_standardscaler import *


def scale_rfm(rfm):
    logged = np.log1p(rfm[["recency", "frequency", "monetary"]].to_numpy(dtype=float))
    std = logged.std(axis=0, ddof=1)
    return (logged - logged.mean(axis=0)) / np.where(std > 0, std, 1.0)
