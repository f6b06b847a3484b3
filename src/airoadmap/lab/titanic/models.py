"""The four candidate models, each a pipeline on the same engineered features.

The feature engineering is the exercise's reference solution (m04-titanic/solution/
titanic_model.py), imported from there so the lab and the solution cannot drift apart;
the random forest is that solution's `make_model()` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.tree import DecisionTreeClassifier

from airoadmap.lab.reference import reference_module


def solution() -> ModuleType:
    """The reference solution of m04-titanic (TitanicFeatures, make_preprocessor, make_model)."""
    return reference_module("m04-titanic", "titanic_model")


def candidates() -> dict[str, Callable[[], Any]]:
    """Model name -> a factory of a fresh, unfitted pipeline (raw passengers in)."""
    ref = solution()

    def on_features(classifier: Any) -> Callable[[], Pipeline]:
        return lambda: Pipeline([("preprocess", ref.make_preprocessor()), ("model", classifier())])

    return {
        "logistic regression": on_features(lambda: LogisticRegression(C=1.0, max_iter=1000)),
        "decision tree": on_features(
            lambda: DecisionTreeClassifier(max_depth=4, min_samples_leaf=5, random_state=0)
        ),
        "random forest": ref.make_model,
        "gradient boosting": on_features(
            lambda: GradientBoostingClassifier(
                n_estimators=150, learning_rate=0.05, max_depth=3, subsample=0.8, random_state=0
            )
        ),
    }
