"""Wrong: columns without missing values are listed too.

Fails: missing_summary_counts
Says: no missing value
"""

from __future__ import annotations

import pandas as pd
from tests.content.submissions.m02_eda.reference import *
from tests.content.submissions.m02_eda.reference import missing_summary


def missing_summary(df):  # noqa: F811
    counts = df.isna().sum().sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"n_missing": counts.astype(int), "pct_missing": 100 * counts / len(df)})
