"""A fairness audit of a Titanic survival model by sex, and a mitigation (m12-fairness, part 2).

Here you use fairlearn (MetricFrame, ThresholdOptimizer) and scikit-learn. The checks fit
make_model() on 891 passengers, call mitigate on those same passengers, and judge both
models on 418 held-out passengers by sex; write_card_section must state the figures they
recompute. `airoadmap show m12-fairness` explains each function.

The passenger frames X hold the raw columns (pclass, name, sex, age, sibsp, parch, ticket,
fare, cabin, embarked, home_dest); never survived, boat or body.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame
from sklearn.pipeline import Pipeline

SENSITIVE = "sex"

# A predict function of the mitigated model: (passengers, their sex) -> 0/1 per passenger.
Predict = Callable[[pd.DataFrame, pd.Series], np.ndarray]


def make_model() -> Pipeline:
    """An unfitted pipeline from the raw passenger columns to survived (0/1)."""
    # TODO: a ColumnTransformer (impute + scale numbers, one-hot categories including sex),
    # then LogisticRegression(max_iter=1000).
    raise NotImplementedError("make_model")


def group_table(y_true: pd.Series, y_pred: np.ndarray, sensitive: pd.Series) -> MetricFrame:
    """A MetricFrame of count, selection_rate, true_positive_rate, false_positive_rate and
    accuracy by the sensitive feature."""
    # TODO: MetricFrame(metrics={...}, y_true=..., y_pred=..., sensitive_features=...)
    raise NotImplementedError("group_table")


def mitigate(
    model: Pipeline, X_train: pd.DataFrame, y_train: pd.Series, sensitive_train: pd.Series
) -> Predict:
    """Post-process the fitted `model` for equalized odds on the training rows; return a
    seeded predict(X, sensitive) -> 0/1 array."""
    # TODO: ThresholdOptimizer(..., constraints="equalized_odds", prefit=True, ...), fit it,
    # and return a function calling its predict with a fixed random_state.
    raise NotImplementedError("mitigate")


def write_card_section(
    path: Path, y_true: pd.Series, before: np.ndarray, after: np.ndarray, sensitive: pd.Series
) -> Path:
    """Write the model card's fairness section (Markdown, the brief gives its rows) for
    held-out predictions before and after the mitigation; return the path."""
    # TODO: compute every figure from the arguments, then path.write_text(...).
    raise NotImplementedError("write_card_section")
