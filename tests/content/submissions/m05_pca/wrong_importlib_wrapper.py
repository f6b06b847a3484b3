"""Wrong: scikit-learn's PCA reached through importlib.import_module, so that no import statement
names it.

Fails: from_scratch
Says: sklearn
"""

from __future__ import annotations

import importlib

_decomposition = importlib.import_module("sklearn.decomposition")


class PCA:
    def __init__(self, n_components=None):
        self.n_components = n_components

    def fit(self, X):
        model = _decomposition.PCA(n_components=self.n_components, svd_solver="full").fit(X)
        for name in (
            "components_",
            "explained_variance_",
            "explained_variance_ratio_",
            "singular_values_",
            "mean_",
        ):
            setattr(self, name, getattr(model, name))
        self._model = model
        return self

    def transform(self, X):
        if not hasattr(self, "_model"):
            raise ValueError("not fitted: call fit(X) first")
        return self._model.transform(X)

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        return self._model.inverse_transform(Z)
