"""Wrong: scikit-learn's KMeans reached through importlib.import_module with a name built at run
time ("sk" + "learn"), which no static scan sees: the import fence refuses it when it runs, and
every check that loads kmeans.py fails with the fence's message.

Fails: init_and_unfitted
Says: sklearn, forbids
"""

from __future__ import annotations

import importlib

_cluster = importlib.import_module("sk" + "learn.cluster")


class KMeans:
    def __init__(
        self, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4, random_state=None
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X):
        params = {name: getattr(self, name) for name in ("n_clusters", "init", "n_init")}
        params.update(max_iter=self.max_iter, tol=self.tol, random_state=self.random_state)
        model = _cluster.KMeans(algorithm="lloyd", **params).fit(X)
        for name in ("cluster_centers_", "labels_", "inertia_", "n_iter_"):
            setattr(self, name, getattr(model, name))
        self._model = model
        return self

    def predict(self, X):
        if not hasattr(self, "_model"):
            raise ValueError("not fitted: call fit(X) first")
        return self._model.predict(X)

    def fit_predict(self, X):
        return self.fit(X).labels_
