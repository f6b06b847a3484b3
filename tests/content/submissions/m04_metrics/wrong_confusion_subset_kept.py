"""Wrong: with labels given, a sample whose label is not in labels is counted in the last row or
column instead of being left out.

Fails: confusion_matrix_labels
Says: left out
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _pair


def confusion_matrix(y_true, y_pred, labels=None):
    t, p = _pair(y_true, y_pred)
    if labels is None:
        labels = sorted(set(t) | set(p))
    index = {label: i for i, label in enumerate(labels)}
    last = len(labels) - 1
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for a, b in zip(t, p, strict=True):
        matrix[index.get(a, last), index.get(b, last)] += 1
    return matrix
