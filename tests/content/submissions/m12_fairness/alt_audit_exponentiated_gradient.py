"""Correct, written differently: ExponentiatedGradient under an EqualizedOdds constraint
trains a randomised mix of logistic regressions (liblinear: the reduction refits it
about 20 times); the card lists the groups first.

File: audit.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from fairlearn.metrics import (
    MetricFrame,
    count,
    demographic_parity_difference,
    equalized_odds_difference,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)
from fairlearn.reductions import EqualizedOdds, ExponentiatedGradient
from sklearn.base import clone
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

RATES = {
    "selection_rate": selection_rate,
    "true_positive_rate": true_positive_rate,
    "false_positive_rate": false_positive_rate,
}


def make_model() -> Pipeline:
    numbers = Pipeline([("fill", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    columns = make_column_transformer(
        (numbers, ["age", "fare", "sibsp", "parch"]),
        (OneHotEncoder(handle_unknown="ignore"), ["sex", "pclass"]),
    )
    return Pipeline(
        [("columns", columns), ("model", LogisticRegression(C=0.5, solver="liblinear"))]
    )


def group_table(y_true: Any, y_pred: Any, sensitive: Any) -> MetricFrame:
    def accuracy(t: Any, p: Any) -> float:
        return float(np.mean(np.asarray(t) == np.asarray(p)))

    return MetricFrame(
        metrics={"count": count, **RATES, "accuracy": accuracy},
        y_true=y_true,
        y_pred=y_pred,
        sensitive_features=sensitive,
    )


def mitigate(model: Pipeline, X_train: pd.DataFrame, y_train: Any, sensitive_train: Any) -> Any:
    columns = model.named_steps["columns"]  # fitted with the model: reuse its features
    reduction = ExponentiatedGradient(
        clone(model.named_steps["model"]), EqualizedOdds(), eps=0.05, max_iter=20
    )
    reduction.fit(columns.transform(X_train), y_train, sensitive_features=sensitive_train)

    def predict(X: pd.DataFrame, sensitive: Any) -> np.ndarray:
        return np.asarray(reduction.predict(columns.transform(X), random_state=7), dtype=int)

    return predict


def write_card_section(path: Path, y_true: Any, before: Any, after: Any, sensitive: Any) -> Path:
    b, a = group_table(y_true, before, sensitive), group_table(y_true, after, sensitive)
    out = [
        "## Fairness",
        "",
        "Per group, on the held-out rows:",
        "",
        "| group | metric | before | after |",
        "| --- | --- | --- | --- |",
    ]
    for group in b.by_group.index:
        out += [
            f"| {group} | {name.replace('_', ' ')} | {b.by_group.loc[group, name]:.3f} | "
            f"{a.by_group.loc[group, name]:.3f} |"
            for name in RATES
        ]
    cost = b.overall["accuracy"] - a.overall["accuracy"]
    out += [
        "",
        "| metric | before | after |",
        "| --- | --- | --- |",
        f"| Accuracy | {b.overall['accuracy']:.3f} | {a.overall['accuracy']:.3f} |",
    ]
    for name, gap in (
        ("Demographic parity difference", demographic_parity_difference),
        ("Equalized odds difference", equalized_odds_difference),
    ):
        out.append(
            f"| {name} | {gap(y_true, before, sensitive_features=sensitive):.3f} | "
            f"{gap(y_true, after, sensitive_features=sensitive):.3f} |"
        )
    out += ["", f"The accuracy cost: {cost:.3f}."]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path
