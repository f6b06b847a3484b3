"""Wrong: transform before fit fails with an error that does not say to call fit.

Fails: init_and_unfitted
Says: call fit(X) first
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def transform(self, X):
        return np.dot(np.asarray(X, dtype=float) - self.mean_, self.components_.T)
