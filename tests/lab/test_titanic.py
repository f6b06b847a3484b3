"""The m04-titanic reference project (airoadmap.lab.titanic) and the shared evaluation code."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from airoadmap.datasets import load_frame
from airoadmap.datasets.splits.titanic import HOLDOUT_SIZE, features_and_label, holdout_split
from airoadmap.lab.evaluation import cross_validate, leaderboard, positive_scores
from airoadmap.lab.titanic import project

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_holdout_split_is_fixed_stratified_and_leak_free() -> None:
    X, y = features_and_label(load_frame("titanic"))
    assert not {"survived", "boat", "body"} & set(X.columns)
    first, again = holdout_split(X, y), holdout_split(X, y)
    assert len(first.X_holdout) == HOLDOUT_SIZE and len(first.X_train) == 891
    assert first.X_holdout.index.equals(again.X_holdout.index)
    assert not set(first.X_train.index) & set(first.X_holdout.index)
    assert abs(first.y_holdout.mean() - y.mean()) < 0.01


@pytest.mark.slow
def test_project_writes_leaderboard_figures_and_report(tmp_path: Path) -> None:
    frame = load_frame("titanic").sample(360, random_state=0)
    metrics = project.run(tmp_path, frame=frame, folds=3, holdout_size=120)

    board = pd.read_csv(tmp_path / "leaderboard.csv", index_col="model")
    assert set(board.index) == {
        "logistic regression",
        "decision tree",
        "random forest",
        "gradient boosting",
    }
    assert board["accuracy_mean"].is_monotonic_decreasing
    assert {"precision_mean", "recall_mean", "f1_mean", "roc_auc_mean"} <= set(board.columns)
    for name in ("confusion_matrices.png", "roc_curves.png", "holdout_confusion.png"):
        assert (tmp_path / name).read_bytes().startswith(PNG_SIGNATURE), name
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert metrics["best_model"] in report and "boat" in report
    assert metrics["best_model"] == board.index[0]
    assert metrics["data"]["holdout"] == 120 and metrics["data"]["train"] == 240
    # Sex alone beats the majority class on any sample of passengers.
    assert metrics["holdout_accuracy"] > metrics["majority_baseline_holdout"]
    json.dumps(metrics)  # the caller saves it as metrics.json


def test_cross_validate_scores_every_sample_out_of_fold() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 3))
    y = (X[:, 0] + 0.5 * rng.normal(size=120) > 0).astype(int)
    cv = StratifiedKFold(4, shuffle=True, random_state=0)
    result = cross_validate("lr", LogisticRegression, X, y, cv.split(X, y), pos_label=1)
    assert len(result.folds) == 4
    assert not np.isnan(result.oof_score).any()
    assert set(np.unique(result.oof_pred)) <= {0, 1}
    assert result.folds["roc_auc"].min() > 0.8  # the signal is strong
    summary = result.summary()
    assert summary["accuracy_mean"] == pytest.approx(result.folds["accuracy"].mean())
    table = leaderboard([result], sort_by="f1")
    assert list(table.index) == ["lr"]


def test_cross_validate_refuses_splits_that_leave_samples_out() -> None:
    X = np.arange(20.0).reshape(-1, 1)
    y = np.array([0, 1] * 10)
    splits = [(np.arange(10), np.arange(10, 15))]
    with pytest.raises(ValueError, match="5 samples untested"):
        cross_validate("lr", LogisticRegression, X, y, splits, pos_label=1)


def test_positive_scores_follow_the_positive_class() -> None:
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array(["ham", "ham", "spam", "spam"])
    for model in (LinearSVC().fit(X, y), LogisticRegression().fit(X, y)):
        spam = positive_scores(model, X, "spam")
        ham = positive_scores(model, X, "ham")
        assert spam[3] > spam[0] and ham[0] > ham[3]
