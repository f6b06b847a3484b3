"""Wrong: empty labels are not refused: accuracy([], []) divides 0 by 0.

Fails: invalid_input_raises
Says: accuracy([], []), ZeroDivisionError
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *


def accuracy(y_true, y_pred):
    t, p = list(y_true), list(y_pred)
    if len(t) != len(p):
        raise ValueError(f"y_true has {len(t)} labels, y_pred has {len(p)}")
    return sum(1 for a, b in zip(t, p, strict=True) if a == b) / len(t)
