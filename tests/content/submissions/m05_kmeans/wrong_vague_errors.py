"""Wrong: every bad argument raises ValueError("invalid input"), which says nothing about what to
fix.

Fails: invalid_input_raises
Says: max_iter, name the problem
"""

from __future__ import annotations

from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _check_params(self, X):
        try:
            super()._check_params(X)
        except ValueError:
            raise ValueError("invalid input") from None
