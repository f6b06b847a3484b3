"""Wrong: NumPy's 0 / 0 gives nan (with a warning) instead of 0.0.

Fails: zero_division
Says: returned nan
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_via_confusion import *
from tests.content.submissions.m04_metrics.alt_via_confusion import _binary


def precision(y_true, y_pred, pos_label=1):
    tp, fp, _ = _binary(y_true, y_pred, pos_label)
    return float(np.float64(tp) / (tp + fp))
