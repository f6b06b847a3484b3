"""Wrong: scikit-learn's confusion_matrix reached through importlib.import_module.

Fails: from_scratch
Says: sklearn
"""

from __future__ import annotations

import importlib

from tests.content.submissions.m04_metrics.alt_pure_python import *

_sk = importlib.import_module("sklearn.metrics")


def confusion_matrix(y_true, y_pred, labels=None):
    return _sk.confusion_matrix(y_true, y_pred, labels=labels)
