"""Wrong: 0 / 0 raises ZeroDivisionError instead of giving 0.0.

Fails: zero_division
Says: ZeroDivisionError
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _counts


def precision(y_true, y_pred, pos_label=1):
    tp, fp, _ = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fp)


def recall(y_true, y_pred, pos_label=1):
    tp, _, fn = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fn)
