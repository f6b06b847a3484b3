"""Wrong: a pos_label that is not among the labels raises only for string labels; with numbers it
silently gives 0.0.

Fails: string_labels_and_pos_label
Says: pos_label=5, ValueError
"""

from __future__ import annotations

from tests.content.submissions.m04_metrics.alt_pure_python import *
from tests.content.submissions.m04_metrics.alt_pure_python import _counts, _pair


def _checked(y_true, y_pred, pos_label):
    t, p = _pair(y_true, y_pred)
    present = set(t) | set(p)
    if isinstance(pos_label, str) or any(isinstance(v, str) for v in present):
        return _counts(y_true, y_pred, pos_label)
    tp = sum(1 for a, b in zip(t, p, strict=True) if a == b == pos_label)
    fp = sum(1 for a, b in zip(t, p, strict=True) if b == pos_label != a)
    fn = sum(1 for a, b in zip(t, p, strict=True) if a == pos_label != b)
    return tp, fp, fn


def precision(y_true, y_pred, pos_label=1):
    tp, fp, _ = _checked(y_true, y_pred, pos_label)
    return tp / (tp + fp) if tp + fp else 0.0


def recall(y_true, y_pred, pos_label=1):
    tp, _, fn = _checked(y_true, y_pred, pos_label)
    return tp / (tp + fn) if tp + fn else 0.0


def f1(y_true, y_pred, pos_label=1):
    tp, fp, fn = _checked(y_true, y_pred, pos_label)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
