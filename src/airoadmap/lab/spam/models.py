"""The three candidate classifiers, each a pipeline on the same TF-IDF features.

The features are the exercise's reference solution (m04-spam/solution/spam_classifier.py),
imported from there so the lab and the solution cannot drift apart; the linear SVM is that
solution's `make_classifier()` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import Pipeline

from airoadmap.lab.reference import reference_module


def solution() -> ModuleType:
    """The reference solution of m04-spam (make_features, make_classifier)."""
    return reference_module("m04-spam", "spam_classifier")


def candidates() -> dict[str, Callable[[], Any]]:
    """Model name -> a factory of a fresh, unfitted pipeline (raw texts in)."""
    ref = solution()

    def on_features(classifier: Callable[[], Any]) -> Callable[[], Pipeline]:
        return lambda: Pipeline([("features", ref.make_features()), ("model", classifier())])

    return {
        "naive Bayes": on_features(lambda: MultinomialNB(alpha=0.1)),
        "linear SVM": ref.make_classifier,
        # The default C=1 regularises TF-IDF weights so hard that rare spam words count
        # for little: recall drops (0.82 in grouped CV, against 0.91 with C=10).
        "logistic regression": on_features(lambda: LogisticRegression(C=10.0, solver="liblinear")),
    }
