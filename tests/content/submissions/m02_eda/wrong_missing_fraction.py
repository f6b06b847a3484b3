"""Wrong: pct_missing as a fraction (0-1), not a percent.

Fails: missing_summary_counts
Says: a fraction
"""

from __future__ import annotations

import pandas as pd
from tests.content.submissions.m02_eda.reference import *
from tests.content.submissions.m02_eda.reference import missing_summary


def missing_summary(df):  # noqa: F811
    counts = df.isna().sum()
    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"n_missing": counts.astype(int), "pct_missing": counts / len(df)})
