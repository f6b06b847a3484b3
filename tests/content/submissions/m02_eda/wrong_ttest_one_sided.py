"""Wrong: one-sided p-value (alternative='less').

Fails: welch_test_matches_scipy
Says: one-sided
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from tests.content.submissions.m02_eda.reference import *


def _split(values, groups):
    pairs = pd.DataFrame(
        {"v": np.asarray(values, dtype=object), "g": np.asarray(groups, dtype=object)}
    ).dropna()
    labels = sorted(pairs["g"].unique())
    if len(labels) != 2:
        raise ValueError("two groups")
    return [pairs.loc[pairs["g"] == g, "v"].to_numpy(dtype=float) for g in labels]


def two_group_test(values, groups, method="welch"):
    a, b = _split(values, groups)
    if method == "welch":
        r = stats.ttest_ind(a, b, equal_var=False, alternative="less")
    elif method == "mannwhitney":
        r = stats.mannwhitneyu(a, b, alternative="two-sided")
    else:
        raise ValueError(method)
    return float(r.statistic), float(r.pvalue)
