"""Wrong: f1 guards the denominators of precision and recall, not P + R: when every prediction is
wrong, P = R = 0 and 2 P R / (P + R) divides by zero.

Fails: zero_division
Says: ZeroDivisionError
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _counts


def f1(y_true, y_pred, pos_label=1):
    tp, fp, fn = _counts(y_true, y_pred, pos_label)
    if tp + fp == 0 or tp + fn == 0:
        return 0.0
    p, r = tp / (tp + fp), tp / (tp + fn)
    return 2 * p * r / (p + r)
