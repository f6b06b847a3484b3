"""Wrong: confusion_matrix accepts labels=[] and returns an empty 0 x 0 matrix.

Fails: invalid_input_raises
Says: labels=[], expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics import alt_pure_python as _base
from tests.content.submissions.m04_metrics.alt_pure_python import *


def confusion_matrix(y_true, y_pred, labels=None):
    if labels is not None and len(labels) == 0:
        return _base.np.zeros((0, 0), dtype=int)
    return _base.confusion_matrix(y_true, y_pred, labels)
