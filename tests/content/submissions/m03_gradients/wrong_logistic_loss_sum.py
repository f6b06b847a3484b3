"""Wrong: logistic_loss sums over the samples instead of averaging.

Fails: logistic_loss_value
Says: divide by n
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def logistic_loss(w, b, X, y):
    _, z = _scores(w, b, X)
    return float(np.sum(np.logaddexp(0.0, z) - np.asarray(y, dtype=float) * z))
