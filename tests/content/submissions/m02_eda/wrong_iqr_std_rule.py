"""Wrong: mean +- k * std instead of the quartiles.

Fails: iqr_outliers_fences
Says: the rule |x - mean| > k * std
"""

from __future__ import annotations

from tests.content.submissions.m02_eda.reference import *


def iqr_outliers(series, k=1.5):
    return ((series - series.mean()).abs() > k * series.std()).astype(bool)
