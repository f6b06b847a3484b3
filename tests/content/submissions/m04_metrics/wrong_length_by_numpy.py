"""Wrong: different lengths are left to NumPy: the comparison fails with "operands could not be
broadcast together", a ValueError that does not say that the lengths differ.

Fails: invalid_input_raises
Says: [0, 1, 1, 0], [0, 1, 1], name the problem
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_via_confusion import *


def accuracy(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1:
        raise ValueError("y_true and y_pred must be 1-D")
    if t.size == 0 or p.size == 0:
        raise ValueError("y_true and y_pred are empty")
    return float(np.mean(np.equal(t, p)))
