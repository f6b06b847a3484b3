"""Wrong: recall always counts label 1 as positive (precision honours pos_label).

Fails: precision_recall_match_sklearn
Says: recall, not 1
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _counts


def recall(y_true, y_pred, pos_label=1):
    tp, _, fn = _counts(y_true, y_pred, 1)
    return tp / (tp + fn) if tp + fn else 0.0
