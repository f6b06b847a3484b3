"""Wrong: f1 always counts label 1 as positive (precision and recall honour pos_label).

Fails: f1_matches_sklearn
Says: F1 of label 1
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _counts


def f1(y_true, y_pred, pos_label=1):
    tp, fp, fn = _counts(y_true, y_pred, 1)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
