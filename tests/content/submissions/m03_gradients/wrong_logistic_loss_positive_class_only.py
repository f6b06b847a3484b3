"""Wrong: logistic_loss keeps only the y = 1 term, -y log(p).

Fails: logistic_loss_value
Says: the y = 1 term only
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def logistic_loss(w, b, X, y):
    _, z = _scores(w, b, X)
    y = np.asarray(y, dtype=float)
    return float(np.mean(y * np.logaddexp(0.0, -z)))
