"""Wrong: mean_ is stored after centring: the mean of the centred data, zeros, not the training
mean.

Fails: centres_the_data
Says: mean_
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def fit(self, X):
        super().fit(X)
        self._train_mean = self.mean_
        self.mean_ = np.zeros_like(self.mean_)
        return self

    def transform(self, X):
        if getattr(self, "components_", None) is None:
            raise AttributeError("call fit before transform")
        return (np.asarray(X, dtype=float) - self._train_mean) @ self.components_.T

    def inverse_transform(self, Z):
        return np.dot(Z, self.components_) + self._train_mean
