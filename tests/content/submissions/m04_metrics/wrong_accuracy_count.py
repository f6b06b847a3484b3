"""Wrong: accuracy returns the number of right predictions, not the fraction.

Fails: accuracy_matches_sklearn
Says: NUMBER of right predictions
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _pair


def accuracy(y_true, y_pred):
    t, p = _pair(y_true, y_pred)
    return sum(1 for a, b in zip(t, p, strict=True) if a == b)
