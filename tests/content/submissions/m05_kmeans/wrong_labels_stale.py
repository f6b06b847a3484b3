"""Wrong: labels_ come from the assignment before the last center update.

Fails: labels_and_inertia_consistent
Says: assign the samples again
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
            far = ((X - centers[labels]) ** 2).sum(axis=1)
            for j in range(k):
                members = X[labels == j]
                if len(members):
                    new[j] = members.mean(axis=0)
                else:
                    i = int(far.argmax())
                    new[j] = X[i]
                    far[i] = -1.0  # the next empty cluster takes the next farthest sample
            shift = ((new - centers) ** 2).sum()
            centers = new
            if shift <= tol:
                break
        d = self._distances(X, centers)
        return centers, labels, d[np.arange(len(X)), labels].sum(), n_iter
