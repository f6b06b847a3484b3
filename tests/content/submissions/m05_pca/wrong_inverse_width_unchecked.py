"""Wrong: inverse_transform does not check that Z has one column per component: the matrix
product's "shapes not aligned" error does not say so.

Fails: invalid_input_raises
Says: Z of shape (5, 3), name the problem
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def inverse_transform(self, Z):
        return np.dot(self._checked(Z, "Z"), self.components_) + self.mean_
