"""Wrong: F1 as the arithmetic mean of precision and recall.

Fails: f1_matches_sklearn
Says: HARMONIC
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *


def f1(y_true, y_pred, pos_label=1):
    p = precision(y_true, y_pred, pos_label)
    r = recall(y_true, y_pred, pos_label)
    return (p + r) / 2
