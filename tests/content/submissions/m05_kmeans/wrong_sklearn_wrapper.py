"""Wrong: a thin wrapper around scikit-learn's KMeans (the brief asks for NumPy only).

Fails: from_scratch
Says: sklearn, NumPy
"""

from __future__ import annotations

from sklearn.cluster import KMeans as _SklearnKMeans


class KMeans(_SklearnKMeans):
    def __init__(
        self, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4, random_state=None
    ):
        super().__init__(
            n_clusters=n_clusters,
            init=init,
            n_init=n_init,
            max_iter=max_iter,
            tol=tol,
            random_state=random_state,
            algorithm="lloyd",
        )
