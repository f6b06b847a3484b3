"""Wrong: a thin wrapper around scikit-learn's PCA (the brief asks for NumPy only).

Fails: from_scratch
Says: sklearn, NumPy
"""

from __future__ import annotations

from sklearn.decomposition import PCA as _SklearnPCA


class PCA(_SklearnPCA):
    def __init__(self, n_components=None):
        super().__init__(n_components=n_components, svd_solver="full")
