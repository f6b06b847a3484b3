"""Wrong: confusion_matrix zips the labels without checking the lengths (the other functions check).

Fails: inputs_of_any_kind
Says: confusion_matrix, lengths
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics.alt_pure_python import *


def confusion_matrix(y_true, y_pred, labels=None):
    t, p = list(y_true), list(y_pred)
    if labels is None:
        labels = sorted(set(t) | set(p))
    index = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for a, b in zip(t, p, strict=False):
        if a in index and b in index:
            matrix[index[a], index[b]] += 1
    return matrix
