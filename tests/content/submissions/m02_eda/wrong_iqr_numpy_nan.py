"""Wrong: np.percentile on data with NaN gives NaN quartiles: nothing is flagged.

Fails: iqr_outliers_fences
Says: quartiles came out NaN
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m02_eda.reference import *


def iqr_outliers(series, k=1.5):
    q1, q3 = np.percentile(series.to_numpy(), [25, 75])
    iqr = q3 - q1
    return ((series < q1 - k * iqr) | (series > q3 + k * iqr)).astype(bool)
