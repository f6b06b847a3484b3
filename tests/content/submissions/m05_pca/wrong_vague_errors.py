"""Wrong: a bad n_components raises ValueError("invalid argument"), which does not say which
argument or why.

Fails: invalid_input_raises
Says: n_components=0, name the problem
"""

from __future__ import annotations

from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def _check_n(self, n, p):
        try:
            return super()._check_n(n, p)
        except ValueError:
            raise ValueError("invalid argument") from None
