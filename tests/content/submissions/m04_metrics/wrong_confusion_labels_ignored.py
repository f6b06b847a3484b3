"""Wrong: the labels argument is ignored.

Fails: confusion_matrix_labels
Says: follow the order of
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _pair


def confusion_matrix(y_true, y_pred, labels=None):
    t, p = _pair(y_true, y_pred)
    labels = sorted(set(t) | set(p))
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for a, b in zip(t, p, strict=True):
        if a in index and b in index:
            matrix[index[a], index[b]] += 1
    return matrix
