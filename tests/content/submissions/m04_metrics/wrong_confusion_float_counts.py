"""Wrong: confusion_matrix returns float counts (np.zeros without dtype=int).

Fails: confusion_matrix_binary
Says: integer
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import (
    confusion_matrix as _base_confusion,
)


def confusion_matrix(y_true, y_pred, labels=None):
    return _base_confusion(y_true, y_pred, labels).astype(float)
