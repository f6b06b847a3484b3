"""Wrong: precision, recall and f1 default to pos_label=0, not 1.

Fails: precision_recall_match_sklearn
Says: without pos_label, pos_label=1
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _counts


def precision(y_true, y_pred, pos_label=0):
    tp, fp, _ = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fp) if tp + fp else 0.0


def recall(y_true, y_pred, pos_label=0):
    tp, _, fn = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fn) if tp + fn else 0.0


def f1(y_true, y_pred, pos_label=0):
    tp, fp, fn = _counts(y_true, y_pred, pos_label)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
