"""Wrong: confusion_matrix flattens a nested labels argument ([[0, 1]]) instead of refusing it.

Fails: invalid_input_raises
Says: labels=[[0, 1]], expected it to raise ValueError
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics import alt_pure_python as _base
from tests.content.submissions.m04_metrics.alt_pure_python import *


def confusion_matrix(y_true, y_pred, labels=None):
    if labels is not None:
        labels = np.ravel(np.asarray(labels)).tolist()
    return _base.confusion_matrix(y_true, y_pred, labels)
