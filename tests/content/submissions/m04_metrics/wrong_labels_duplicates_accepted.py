"""Wrong: confusion_matrix accepts labels that name a label twice, and counts it twice.

Fails: invalid_input_raises
Says: labels=[0, 1, 0], expected it to raise ValueError
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m04_metrics import alt_via_confusion as _base
from tests.content.submissions.m04_metrics.alt_via_confusion import *


def confusion_matrix(y_true, y_pred, labels=None):
    if labels is not None and len(labels) == 0:
        raise ValueError("labels is empty")
    if labels is not None and np.ndim(labels) != 1:
        raise ValueError("labels must be 1-D")
    t, p = _base._pair(y_true, y_pred)
    labels = np.unique(np.concatenate([t, p])) if labels is None else np.asarray(labels)
    rows = t[:, None] == labels[None, :]
    cols = p[:, None] == labels[None, :]
    return rows.T.astype(np.int64) @ cols.astype(np.int64)
