"""Titanic survival: a leak-free model on the raw passenger table (m04-titanic).

Write make_model(): it returns an UNFITTED scikit-learn estimator or Pipeline. The checks
call `model.fit(X_train, y_train)` on 891 passengers and `model.predict(X_holdout)` on 418
others, and need a held-out accuracy of at least 0.78. `airoadmap show m04-titanic`
explains the task; `airoadmap check` grades it; `airoadmap hint` helps when you are stuck.

X is a pandas DataFrame with the raw columns:

    pclass (1, 2, 3), name ("Braund, Mr. Owen Harris"), sex ("male"/"female"),
    age (float, missing for 20%), sibsp, parch (int), ticket (str), fare (float),
    cabin ("C85", mostly missing), embarked ("S"/"C"/"Q"), home_dest (str, often missing)

and y is `survived` (0 or 1). X never holds `survived`, `boat` or `body`.

Explore with `from airoadmap.datasets import load_frame; df = load_frame("titanic")` in a
notebook, but not in this file: the model must learn only from what `fit` receives.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin


class TitanicFeatures(TransformerMixin, BaseEstimator):
    """Optional scaffold: raw passenger columns -> a DataFrame of model features.

    Learn every statistic (median ages, the most common port, ...) in fit, from X; use them
    in transform. Inside a Pipeline, fit sees only the training rows: that is what keeps
    the held-out passengers out of training. Delete this class if you build your model
    another way.
    """

    def fit(self, X: pd.DataFrame, y: Any = None) -> TitanicFeatures:
        # TODO: learn what transform needs from X (e.g. self.age_median_ = X["age"].median()),
        # then return self.
        raise NotImplementedError("TitanicFeatures.fit")

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        # TODO: return a new DataFrame of features, one row per passenger of X: e.g. a
        # title taken from the name, family size (sibsp + parch + 1), age filled with the
        # values learned in fit, ...
        raise NotImplementedError("TitanicFeatures.transform")


def make_model() -> Any:
    """Return an UNFITTED estimator: raw passenger frame in, survived (0 or 1) out."""
    # TODO: build and return a Pipeline, e.g. features -> ColumnTransformer (scale the
    # numbers, one-hot encode the categories) -> a classifier. Do not call fit here.
    raise NotImplementedError("make_model")
