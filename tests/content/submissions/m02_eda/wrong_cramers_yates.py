"""Wrong: Yates correction (scipy default for 2 x 2) kept in Cramer V.

Fails: cramers_v_matches_scipy
Says: Yates
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from tests.content.submissions.m02_eda.reference import *


def cramers_v(x, y):
    pairs = pd.DataFrame({"x": np.asarray(x, dtype=object), "y": np.asarray(y, dtype=object)})
    table = pd.crosstab(pairs["x"], pairs["y"])  # crosstab drops missing pairs
    if min(table.shape) < 2:
        raise ValueError("needs two categories")
    chi2 = stats.chi2_contingency(table).statistic
    return float(np.sqrt(chi2 / (table.to_numpy().sum() * (min(table.shape) - 1))))
