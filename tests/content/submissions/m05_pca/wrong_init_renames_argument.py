"""Wrong: __init__ stores n_components as self.k, not under its own name.

Fails: init_and_unfitted
Says: n_components
"""

from __future__ import annotations

from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def __init__(self, n_components=None):
        self.k = n_components

    def fit(self, X):
        self.n_components = self.k
        try:
            return super().fit(X)
        finally:
            del self.n_components
