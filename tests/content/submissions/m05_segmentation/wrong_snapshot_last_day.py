"""Wrong: the default snapshot is the last transaction day (recency 0).

Fails: rfm_small_log
Says: day AFTER the last transaction
"""

from __future__ import annotations

import pandas as pd
from tests.content.submissions.m05_segmentation.alt_standardscaler import *


def rfm_table(transactions, snapshot=None):
    last_day = transactions["date"].max()
    when = last_day if snapshot is None else pd.Timestamp(snapshot)
    if when < last_day:
        raise ValueError("the snapshot must be after the last transaction")
    per = transactions.groupby("customer_id").agg(
        last=("date", "max"), frequency=("date", "nunique"), monetary=("dollar_value", "sum")
    )
    per["recency"] = (when - per["last"]).dt.days
    return per[["recency", "frequency", "monetary"]]
