"""Wrong: with three groups, silently tests the first two.

Fails: two_group_test_rejects_bad_input
Says: three groups
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from tests.content.submissions.m02_eda.reference import *


def two_group_test(values, groups, method="welch"):
    pairs = pd.DataFrame(
        {"v": np.asarray(values, dtype=object), "g": np.asarray(groups, dtype=object)}
    ).dropna()
    labels = sorted(pairs["g"].unique())
    a, b = (pairs.loc[pairs["g"] == g, "v"].to_numpy(dtype=float) for g in labels[:2])
    if method == "welch":
        r = stats.ttest_ind(a, b, equal_var=False)
    else:
        r = stats.mannwhitneyu(a, b, alternative="two-sided")
    return float(r.statistic), float(r.pvalue)
