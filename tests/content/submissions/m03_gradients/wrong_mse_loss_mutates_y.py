"""Wrong: mse_loss turns y into the residuals in place.

Fails: mse_loss_value
Says: changed the y
"""

from __future__ import annotations

from tests.content.submissions.m03_gradients.reference import *
from tests.content.submissions.m03_gradients.reference import _scores


def mse_loss(w, b, X, y):
    _, z = _scores(w, b, X)
    y -= z  # y is now minus the residuals: the caller's targets are gone
    return float(y @ y) / y.shape[0]
