"""Wrong: __init__ sets components_ = None, so an unfitted model looks fitted.

Fails: init_and_unfitted
Says: never fitted
"""

from __future__ import annotations

from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def __init__(self, n_components=None):
        super().__init__(n_components)
        self.components_ = None
