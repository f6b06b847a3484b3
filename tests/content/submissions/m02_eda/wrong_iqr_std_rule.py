"""Wrong: mean +- k * std instead of the quartiles."""

from __future__ import annotations

from tests.content.submissions.m02_eda.reference import *


def iqr_outliers(series, k=1.5):
    return ((series - series.mean()).abs() > k * series.std()).astype(bool)
