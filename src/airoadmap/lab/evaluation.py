"""Comparing binary classifiers honestly: cross-validation with out-of-fold scores.

One pass over the folds gives everything a comparison needs: per-fold metrics (for the mean
and spread of each), the training score of each fold (to see overfitting), and an
out-of-fold prediction and score for every training sample (for confusion matrices, ROC and
precision-recall curves), without fitting anything twice. Each model is built fresh for
every fold by a factory, so nothing learned on one fold reaches another.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)

METRICS = ("accuracy", "precision", "recall", "f1", "roc_auc", "average_precision")


def positive_scores(model: Any, X: Any, pos_label: Any) -> np.ndarray:
    """A score per sample that grows with the chance of `pos_label` (for ROC and PR curves).

    The probability of `pos_label` where the model has predict_proba, else its
    decision_function, turned round when `pos_label` is the first class.
    """
    classes = list(model.classes_)
    if hasattr(model, "predict_proba"):
        return np.asarray(model.predict_proba(X)[:, classes.index(pos_label)], dtype=float)
    decision = np.asarray(model.decision_function(X), dtype=float)
    return decision if classes.index(pos_label) == 1 else -decision


def binary_metrics(y_true: Any, y_pred: Any, scores: Any, *, pos_label: Any) -> dict[str, float]:
    """Accuracy; precision, recall, F1 of `pos_label`; ROC AUC and average precision."""
    y_true = np.asarray(y_true)
    positive = y_true == pos_label
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "precision": float(precision_score(y_true, y_pred, pos_label=pos_label, zero_division=0)),
        "recall": float(recall_score(y_true, y_pred, pos_label=pos_label, zero_division=0)),
        "f1": float(f1_score(y_true, y_pred, pos_label=pos_label, zero_division=0)),
        "roc_auc": float(roc_auc_score(positive, scores)),
        "average_precision": float(average_precision_score(positive, scores)),
    }


@dataclass
class CVResult:
    """What cross-validating one model gave.

    folds: one row per fold, a column per metric (plus train_accuracy, fit_seconds).
    oof_pred, oof_score: the prediction and positive-class score of every training sample,
    made by the model of the fold that held it out.
    """

    name: str
    folds: pd.DataFrame
    oof_pred: np.ndarray
    oof_score: np.ndarray

    def summary(self) -> dict[str, float]:
        """Mean and standard deviation over the folds of every column of `folds`."""
        out: dict[str, float] = {}
        for column in self.folds.columns:
            out[f"{column}_mean"] = float(self.folds[column].mean())
            out[f"{column}_std"] = float(self.folds[column].std(ddof=1))
        return out


def _rows(X: Any, index: np.ndarray) -> Any:
    if isinstance(X, pd.DataFrame | pd.Series):
        return X.iloc[index]
    if isinstance(X, np.ndarray):
        return X[index]
    return [X[i] for i in index]


def cross_validate(
    name: str,
    make_model: Callable[[], Any],
    X: Any,
    y: Any,
    splits: Iterable[tuple[np.ndarray, np.ndarray]],
    *,
    pos_label: Any,
) -> CVResult:
    """Fit a fresh `make_model()` on each split's training rows and score its held-out rows.

    X: a DataFrame, an array or a list (of texts); y: array-like of labels; splits: the
    (train index, test index) pairs of a CV splitter, e.g. `cv.split(X, y, groups)`.
    """
    y = np.asarray(y)
    oof_pred = np.empty(len(y), dtype=y.dtype)
    oof_score = np.full(len(y), np.nan)
    seen = np.zeros(len(y), dtype=bool)
    rows = []
    for train, test in splits:
        model = make_model()
        started = time.perf_counter()
        model.fit(_rows(X, train), y[train])
        fit_seconds = time.perf_counter() - started
        pred = np.asarray(model.predict(_rows(X, test)))
        score = positive_scores(model, _rows(X, test), pos_label)
        oof_pred[test], oof_score[test], seen[test] = pred, score, True
        row = binary_metrics(y[test], pred, score, pos_label=pos_label)
        row["train_accuracy"] = float(accuracy_score(y[train], model.predict(_rows(X, train))))
        row["fit_seconds"] = fit_seconds
        rows.append(row)
    if not seen.all():
        raise ValueError(f"the CV splits of {name} leave {int((~seen).sum())} samples untested")
    return CVResult(name, pd.DataFrame(rows), oof_pred, oof_score)


def leaderboard(results: Sequence[CVResult], *, sort_by: str = "accuracy") -> pd.DataFrame:
    """One row per model: mean and std of every metric over the folds, best first."""
    table = pd.DataFrame([r.summary() for r in results], index=[r.name for r in results])
    table.index.name = "model"
    return table.sort_values(f"{sort_by}_mean", ascending=False)


def markdown_leaderboard(
    table: pd.DataFrame, columns: Mapping[str, str], *, digits: int = 3
) -> str:
    """The leaderboard as Markdown: each metric shown as "mean ± std".

    columns: metric name in the table (without _mean/_std) -> header to show.
    """
    header = ["model", *columns.values()]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, row in table.iterrows():
        cells = [
            f"{row[f'{metric}_mean']:.{digits}f} ± {row[f'{metric}_std']:.{digits}f}"
            for metric in columns
        ]
        lines.append("| " + " | ".join([str(name), *cells]) + " |")
    return "\n".join(lines) + "\n"
