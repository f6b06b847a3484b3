"""A fairness audit of a Titanic survival model by sex, and a mitigation, with fairlearn.

The model predicts who survived from the passenger list. Sex is the sensitive attribute: the
audit measures how differently the model treats women and men (MetricFrame), a
ThresholdOptimizer then picks one threshold per group (randomised between two where needed)
so that both groups get the same true and false positive rates, and the card section reports
what that costs in accuracy, on passengers neither step saw.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from fairlearn.metrics import (
    MetricFrame,
    demographic_parity_difference,
    equalized_odds_difference,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)
from fairlearn.postprocessing import ThresholdOptimizer
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SENSITIVE = "sex"
SEED = 0
NUMERIC = ["age", "sibsp", "parch", "fare"]
CATEGORICAL = ["pclass", "sex", "embarked"]

# A predict function of the mitigated model: (passengers, their sex) -> 0/1 per passenger.
Predict = Callable[[pd.DataFrame, pd.Series], np.ndarray]


def make_model() -> Pipeline:
    """An unfitted pipeline: imputed, scaled numbers and one-hot categories, then a
    logistic regression. It takes the raw passenger columns."""
    features = ColumnTransformer(
        [
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ]
    )
    return make_pipeline(features, LogisticRegression(max_iter=1000))


def group_table(y_true: pd.Series, y_pred: np.ndarray, sensitive: pd.Series) -> MetricFrame:
    """The audit: accuracy, selection rate, TPR, FPR and the row count of each group."""
    return MetricFrame(
        metrics={
            "accuracy": accuracy_score,
            "selection_rate": selection_rate,
            "true_positive_rate": true_positive_rate,
            "false_positive_rate": false_positive_rate,
            "count": lambda y_true, y_pred: len(y_true),
        },
        y_true=y_true,
        y_pred=y_pred,
        sensitive_features=sensitive,
    )


def mitigate(
    model: Pipeline, X_train: pd.DataFrame, y_train: pd.Series, sensitive_train: pd.Series
) -> Predict:
    """Post-process the fitted `model` for equalized odds, on the training rows only; return
    a seeded predict function (the same answers on every call)."""
    optimizer = ThresholdOptimizer(
        estimator=model,
        constraints="equalized_odds",
        prefit=True,
        predict_method="predict_proba",
    )
    optimizer.fit(X_train, y_train, sensitive_features=sensitive_train)

    def predict(X: pd.DataFrame, sensitive: pd.Series) -> np.ndarray:
        pred = optimizer.predict(X, sensitive_features=sensitive, random_state=SEED)
        return np.asarray(pred, dtype=int)

    return predict


def _row(name: str, before: float, after: float) -> str:
    return f"| {name} | {before:.3f} | {after:.3f} |"


def write_card_section(
    path: Path, y_true: pd.Series, before: np.ndarray, after: np.ndarray, sensitive: pd.Series
) -> Path:
    """Write the model card's fairness section (Markdown) for held-out predictions made
    before and after the mitigation; return the path."""
    audit_before = group_table(y_true, before, sensitive)
    audit_after = group_table(y_true, after, sensitive)
    accuracy_before = accuracy_score(y_true, before)
    accuracy_after = accuracy_score(y_true, after)
    lines = [
        "## Fairness",
        "",
        f"Sensitive attribute: {sensitive.name}. Figures on {len(y_true)} held-out passengers; "
        "the mitigation (fairlearn's ThresholdOptimizer, equalized odds) was fitted on the "
        "training passengers only.",
        "",
        "| metric | before | after |",
        "|---|---|---|",
        _row("accuracy", accuracy_before, accuracy_after),
        _row(
            "demographic parity difference",
            demographic_parity_difference(y_true, before, sensitive_features=sensitive),
            demographic_parity_difference(y_true, after, sensitive_features=sensitive),
        ),
        _row(
            "equalized odds difference",
            equalized_odds_difference(y_true, before, sensitive_features=sensitive),
            equalized_odds_difference(y_true, after, sensitive_features=sensitive),
        ),
        "",
        f"Accuracy cost of the mitigation: {accuracy_before - accuracy_after:.3f}.",
        "",
        "| group | metric | before | after |",
        "|---|---|---|---|",
    ]
    for group in audit_before.by_group.index:
        for metric in ("selection_rate", "true_positive_rate", "false_positive_rate"):
            lines.append(
                f"| {group} | {metric.replace('_', ' ')} "
                f"| {audit_before.by_group.loc[group, metric]:.3f} "
                f"| {audit_after.by_group.loc[group, metric]:.3f} |"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    from sklearn.model_selection import train_test_split

    from airoadmap.datasets import load_frame

    frame = load_frame("titanic")
    X = frame.drop(columns=["survived", "boat", "body"])
    y = frame["survived"].astype(int)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=418, stratify=y, random_state=SEED
    )
    model = make_model().fit(X_train, y_train)
    before = np.asarray(model.predict(X_test), dtype=int)
    after = mitigate(model, X_train, y_train, X_train[SENSITIVE])(X_test, X_test[SENSITIVE])
    print(group_table(y_test, before, X_test[SENSITIVE]).by_group)
    print(
        write_card_section(
            Path("fairness_card.md"), y_test, before, after, X_test[SENSITIVE]
        ).read_text(encoding="utf-8")
    )
