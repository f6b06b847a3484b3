"""Wrong: transform divides the scores by sqrt(explained_variance_) (whitening, which the contract
does not ask for).

Fails: transform_matches_sklearn
Says: transform(X_new)
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def transform(self, X):
        return super().transform(X) / np.sqrt(self.explained_variance_)

    def inverse_transform(self, Z):
        return super().inverse_transform(np.asarray(Z) * np.sqrt(self.explained_variance_))
