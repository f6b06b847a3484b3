"""Wrong: a single sample is not refused: its variances divide by n - 1 = 0 and come out nan.

Fails: invalid_input_raises
Says: shape (1, 4), raise ValueError
"""

from __future__ import annotations

from tests.content.submissions.m05_pca import alt_svd_full_matrices as _base
from tests.content.submissions.m05_pca.alt_svd_full_matrices import *


class PCA(_base.PCA):
    def _check_n(self, n, p):
        return super()._check_n(max(n, 2), p)
