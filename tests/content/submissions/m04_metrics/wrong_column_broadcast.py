"""Wrong: the labels are not checked to be 1-D: a column of shape (4, 1) against a row of 4
broadcasts to a 4 x 4 comparison, and accuracy returns a number.

Fails: invalid_input_raises
Says: column of shape (4, 1), expected it to raise ValueError
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_via_confusion import *


def accuracy(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if len(t) != len(p):
        raise ValueError("y_true and y_pred differ in length")
    if len(t) == 0:
        raise ValueError("y_true and y_pred are empty")
    return float(np.mean(t == p))
