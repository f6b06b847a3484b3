"""Wrong: a value on a fence is flagged (<= and >=).

Fails: iqr_outliers_fences
Says: strictly outside
"""

from __future__ import annotations

from tests.content.submissions.m02_eda.reference import *


def iqr_outliers(series, k=1.5):
    q1, q3 = series.quantile([0.25, 0.75])
    iqr = q3 - q1
    return ((series <= q1 - k * iqr) | (series >= q3 + k * iqr)).astype(bool)
