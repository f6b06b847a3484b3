"""Wrong: inverse_transform forgets to add the mean back.

Fails: inverse_transform_reconstructs
Says: add mean_ back
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def inverse_transform(self, Z):
        return np.dot(Z, self.components_)
