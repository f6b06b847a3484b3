"""Wrong: transform does not compare the number of features with fit's: NumPy's broadcasting
error that follows does not name the features.

Fails: invalid_input_raises
Says: shape (5, 3), name the problem
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def transform(self, X):
        if getattr(self, "components_", None) is None:
            raise AttributeError("call fit before transform")
        return np.dot(self._checked(X) - self.mean_, self.components_.T)
