"""The data fence of model-building checks (airoadmap.grading.kit.fence and .modelcheck)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pandas as pd
import pytest

from airoadmap.datasets import load_frame
from airoadmap.grading.api import CheckFailed, Context
from airoadmap.grading.kit import fence
from airoadmap.grading.kit.modelcheck import Task, is_fitted, once


def test_closed_refuses_the_data_set_files_only(tmp_path: Path) -> None:
    copy = tmp_path / "titanic.csv"
    copy.write_text("a\n1\n")
    other = tmp_path / "other.csv"
    other.write_text("a\n1\n")
    with fence.closed("titanic") as opened:
        assert pd.read_csv(other).shape == (1, 1)
        with pytest.raises(fence.DataFenceError):
            pd.read_csv(copy)
        with pytest.raises(fence.DataFenceError):
            load_frame("titanic")
    assert len(opened) == 2 and opened[0].endswith("titanic.csv")
    assert pd.read_csv(copy).shape == (1, 1)  # open again after the block
    assert load_frame("titanic").shape == (1309, 14)


def test_closed_refuses_every_file_under_the_folders_given(tmp_path: Path) -> None:
    texts, other = tmp_path / "texts", tmp_path / "other"
    (texts / "a").mkdir(parents=True)
    other.mkdir()
    (texts / "a" / "brief.md").write_text("x")
    (other / "brief.md").write_text("y")
    with fence.closed(folders=[texts]) as opened:
        assert (other / "brief.md").read_text() == "y"
        with pytest.raises(fence.DataFenceError):
            (texts / "a" / "brief.md").read_text()
    assert opened == [str(texts / "a" / "brief.md")]
    assert (texts / "a" / "brief.md").read_text() == "x"


def test_learner_code_fails_even_when_the_refusal_is_caught(tmp_path: Path) -> None:
    task = Task("model", "make_model", "titanic", "Titanic", "passengers")
    refused = r"read the Titanic data set itself .* while fit ran"
    hidden = contextlib.suppress(Exception)  # the learner's code hides the refusal
    with pytest.raises(CheckFailed, match=refused), task.learner_code("fit ran"), hidden:
        load_frame("titanic")
    with task.learner_code("fit ran"):
        pd.DataFrame({"a": [1]}).to_csv(tmp_path / "x.csv")  # other files are fine


def test_is_fitted_for_estimators_and_plain_classes() -> None:
    from sklearn.linear_model import LogisticRegression

    class Plain:
        def fit(self, X: object, y: object) -> Plain:
            self.weights_ = [1.0]
            return self

    assert not is_fitted(LogisticRegression())
    assert is_fitted(LogisticRegression().fit([[0.0], [1.0]], [0, 1]))
    assert not is_fitted(Plain())
    assert is_fitted(Plain().fit(None, None))


def test_once_computes_once_per_context_and_repeats_errors(tmp_path: Path) -> None:
    ctx = Context(workdir=tmp_path)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert once(ctx, "k", compute) == 1 and once(ctx, "k", compute) == 1
    assert once(Context(workdir=tmp_path), "k", compute) == 2  # a new run computes again

    def broken() -> int:
        raise ValueError("boom")

    for _ in range(2):
        with pytest.raises(ValueError, match="boom"):
            once(ctx, "bad", broken)
