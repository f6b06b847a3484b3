"""Wrong: precision divides by the true positives, recall by the predicted ones.

Fails: precision_recall_match_sklearn
Says: swapped
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _counts


def recall(y_true, y_pred, pos_label=1):
    tp, fp, _ = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fp) if tp + fp else 0.0


def precision(y_true, y_pred, pos_label=1):
    tp, _, fn = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fn) if tp + fn else 0.0
