"""Wrong: the default n_components is 2 (enough for a plot), not the contract's None.

Fails: init_and_unfitted
Says: default is None
"""

from __future__ import annotations

from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def __init__(self, n_components=2):
        super().__init__(n_components)
