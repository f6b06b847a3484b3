"""Wrong: scale_rfm standardises the raw values (no log1p).

Fails: scaling
Says: apply np.log1p first
"""

from __future__ import annotations

from sklearn.preprocessing import StandardScaler
from tests.content.submissions.m05_segmentation.alt_standardscaler import *


def scale_rfm(rfm):
    return StandardScaler().fit_transform(rfm[["recency", "frequency", "monetary"]])
