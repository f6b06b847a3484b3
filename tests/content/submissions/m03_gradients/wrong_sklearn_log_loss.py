"""Wrong: logistic_loss is scikit-learn's log_loss, reached through importlib.import_module.

Fails: from_scratch
Says: sklearn
"""

from __future__ import annotations

import importlib

from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def logistic_loss(w, b, X, y):
    metrics = importlib.import_module("sklearn.metrics")
    _, z = _scores(w, b, X)
    return float(metrics.log_loss(y, sigmoid(z), labels=[0.0, 1.0]))
