"""Wrong: the loss takes log(sigmoid(z)), which is log(0) at z = -1000.

Fails: logistic_extreme_logits
Says: log(0)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import Array, _scores  # noqa: F401


def logistic_loss(w: ArrayLike, b: float, X: ArrayLike, y: ArrayLike) -> float:
    """Mean binary cross-entropy of sigmoid(X w + b) against labels y in {0, 1}.

    Per sample, -y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z)) = log(1 + e^z) - y z,
    evaluated as np.logaddexp(0, z) - y z: exact even where sigmoid(z) rounds to 0 or 1.
    """
    _, z = _scores(w, b, X)
    y_arr = np.asarray(y, dtype=np.float64)
    p = sigmoid(z)
    return float(np.mean(-y_arr * np.log(p) - (1.0 - y_arr) * np.log(1.0 - p)))
