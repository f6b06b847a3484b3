"""Wrong: U of the second group (scipy called with b, a).

Fails: mannwhitney_matches_scipy
Says: U of group 1
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
        r = stats.ttest_ind(a, b, equal_var=False)
    elif method == "mannwhitney":
        r = stats.mannwhitneyu(b, a, alternative="two-sided")
    else:
        raise ValueError(method)
    return float(r.statistic), float(r.pvalue)
