"""Wrong: an empty cluster moves to the sample farthest from the mean of the data, not from its own
center.

Fails: empty_cluster
Says: farthest
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions.m05_kmeans import alt_plain_kmeanspp as _base
from tests.content.submissions.m05_kmeans.alt_plain_kmeanspp import *


class KMeans(_base.KMeans):
    def _run(self, X, centers, rng, tol):
        k = self.n_clusters
        n_iter = 0
        while n_iter < self.max_iter:
            n_iter += 1
            labels = self._distances(X, centers).argmin(axis=1)
            new = np.empty_like(centers)
            far = ((X - X.mean(axis=0)) ** 2).sum(axis=1)
            for j in range(k):
                members = X[labels == j]
                if len(members):
                    new[j] = members.mean(axis=0)
                else:
                    i = int(far.argmax())
                    new[j] = X[i]
                    far[i] = -1.0
            shift = ((new - centers) ** 2).sum()
            centers = new
            if shift <= tol:
                break
        d = self._distances(X, centers)
        labels = d.argmin(axis=1)
        return centers, labels, d[np.arange(len(X)), labels].sum(), n_iter
