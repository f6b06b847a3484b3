"""Wrong: every metric refuses fewer than 2 labels, though one prediction is already right or wrong.

Fails: accuracy_matches_sklearn
Says: ValueError
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics import alt_pure_python as _base
from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _pair


def accuracy(y_true, y_pred):
    t, p = _pair(y_true, y_pred)
    if len(t) < 2:
        raise ValueError("need at least 2 labels")
    return _base.accuracy(t, p)
