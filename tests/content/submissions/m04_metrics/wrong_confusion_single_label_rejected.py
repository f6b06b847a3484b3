"""Wrong: confusion_matrix refuses a labels list of one label (it asks for at least 2).

Fails: confusion_matrix_labels
Says: a single label given
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics import alt_pure_python as _base
from tests.content.submissions.m04_metrics.alt_pure_python import *


def confusion_matrix(y_true, y_pred, labels=None):
    if labels is not None and len(labels) < 2:
        raise ValueError("labels needs at least 2 labels")
    return _base.confusion_matrix(y_true, y_pred, labels)
