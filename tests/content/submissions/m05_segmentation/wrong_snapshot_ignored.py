"""Wrong: an explicit snapshot is ignored (always the day after the log).

Fails: rfm_snapshot
Says: the same as with the default snapshot
"""

from __future__ import annotations

import pandas as pd
from tests.content.submissions.m05_segmentation.alt_standardscaler import *


def rfm_table(transactions, snapshot=None):
    last_day = transactions["date"].max()
    when = last_day + pd.Timedelta(days=1)
    if snapshot is not None and pd.Timestamp(snapshot) <= last_day:
        raise ValueError("the snapshot must be after the last transaction")
    per = transactions.groupby("customer_id").agg(
        last=("date", "max"), frequency=("date", "nunique"), monetary=("dollar_value", "sum")
    )
    per["recency"] = (when - per["last"]).dt.days
    return per[["recency", "frequency", "monetary"]]
