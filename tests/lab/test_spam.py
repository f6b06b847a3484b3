"""The m04-spam reference project (airoadmap.lab.spam): grouped splits, study artifacts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from airoadmap.datasets import load_frame
from airoadmap.datasets.splits.sms import group_folds, groups, normalise
from airoadmap.lab.spam import project

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_normalise_ignores_case_digits_and_punctuation() -> None:
    assert normalise("Call 09061701461 NOW!!") == normalise("call 0800,  now")
    assert normalise("Ok lar... Joking wif u oni...") == "ok lar joking wif u oni"
    assert normalise("see you") != normalise("see you soon")
    codes = groups(["Hi there", "hi THERE!", "bye"])
    assert codes[0] == codes[1] != codes[2]


def test_group_folds_never_split_a_group() -> None:
    names = ["ann", "bob", "cy", "dee", "eve", "fay", "gus"]
    texts = [f"{names[i % 7]} about {'prize' if i % 3 else 'lunch'} {i % 2}" for i in range(60)]
    labels = np.array(["spam" if "prize" in t else "ham" for t in texts], dtype=object)
    ids = groups(texts)
    for train, test in group_folds(labels, ids, n_splits=3, seed=0):
        assert not set(ids[train]) & set(ids[test])


@pytest.mark.slow
def test_project_writes_leaderboard_figures_and_report(tmp_path: Path) -> None:
    frame = load_frame("sms-spam")
    sample = pd.concat(
        [
            frame[frame["label"] == "spam"].sample(120, random_state=0),
            frame[frame["label"] == "ham"].sample(480, random_state=0),
        ]
    )
    metrics = project.run(
        tmp_path,
        texts=sample["text"].tolist(),
        labels=sample["label"].to_numpy(dtype=object),
        folds=3,
    )
    board = pd.read_csv(tmp_path / "leaderboard.csv", index_col="model")
    assert set(board.index) == {"naive Bayes", "linear SVM", "logistic regression"}
    assert board["f1_mean"].is_monotonic_decreasing
    for name in (
        "precision_recall_curves.png",
        "confusion_matrices.png",
        "holdout_precision_recall.png",
    ):
        assert (tmp_path / name).read_bytes().startswith(PNG_SIGNATURE), name
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert metrics["best_model"] in report and "grouped" in report
    assert metrics["data"]["messages"] == 600 and metrics["data"]["spam"] == 120
    # Even on 480 training messages, TF-IDF finds most spam and beats always-"ham".
    assert metrics["holdout"]["f1"] > 0.7
    assert metrics["holdout"]["accuracy"] > metrics["always_ham_holdout_accuracy"]
    assert 0.0 <= metrics["plain_split"]["test_texts_seen_in_training"] < 1.0
    if metrics["best_model"] != "naive Bayes":  # a linear model: its strongest spam words
        assert all(1 <= len(t.split()) <= 2 for t in metrics["top_spam_terms"])
