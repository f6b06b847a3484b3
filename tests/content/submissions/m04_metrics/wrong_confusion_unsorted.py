"""Wrong: labels in the order they first appear, not sorted.

Fails: confusion_matrix_binary
Says: order they first appear
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _pair


def confusion_matrix(y_true, y_pred, labels=None):
    t, p = _pair(y_true, y_pred)
    if labels is None:
        labels = list(dict.fromkeys(t + p))
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for a, b in zip(t, p, strict=True):
        if a in index and b in index:
            matrix[index[a], index[b]] += 1
    return matrix
