"""Wrong: not sorted, most missing first.

Fails: missing_summary_counts
Says: most missing first
"""

from __future__ import annotations

import pandas as pd
from tests.content.submissions.m02_eda.reference import *
from tests.content.submissions.m02_eda.reference import missing_summary


def missing_summary(df):  # noqa: F811
    counts = df.isna().sum()
    counts = counts[counts > 0]
    return pd.DataFrame({"n_missing": counts.astype(int), "pct_missing": 100 * counts / len(df)})
