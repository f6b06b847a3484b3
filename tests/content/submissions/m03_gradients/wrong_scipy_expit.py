"""Wrong: sigmoid is scipy.special.expit (stable, but not written from scratch).

Fails: from_scratch
Says: scipy, gradients.py
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit
from tests.content.submissions.m03_gradients.reference import *


def sigmoid(z):
    return expit(np.asarray(z, dtype=float))
