"""The estimator conformance kit: a good tiny estimator passes, each broken rule fails clearly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.errors import GradingError
from airoadmap.grading.api import CheckFailed, Context, expect_bar
from airoadmap.grading.kit import estimator as est

X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
Y = np.array([1.0, 2.0, 5.0, 6.0])


class Mean:
    """Predicts the training mean of y: the smallest estimator with scikit-learn's API."""

    def __init__(self, shift: float = 0.0) -> None:
        self.shift = shift

    def fit(self, X: Any, y: Any) -> Mean:
        self.mean_ = float(np.mean(y)) + self.shift
        return self

    def predict(self, X: Any) -> Any:
        if not hasattr(self, "mean_"):
            raise RuntimeError("call fit(X, y) before predict")
        return np.full(len(X), self.mean_)


class ConvertsInInit(Mean):
    def __init__(self, shift: float = 0.0) -> None:
        self.shift = float(shift) + 1.0


class ForgetsArg(Mean):
    def __init__(self, shift: float = 0.0) -> None:
        self.offset = shift


class LearnsInInit(Mean):
    def __init__(self, shift: float = 0.0) -> None:
        self.shift = shift
        self.mean_ = 0.0


class ReturnsNone(Mean):
    def fit(self, X: Any, y: Any) -> Any:
        super().fit(X, y)
        return None


class MutatesInput(Mean):
    def fit(self, X: Any, y: Any) -> Mean:
        X -= X.mean(axis=0)
        return super().fit(X, y)


class LearnsNothing(Mean):
    def fit(self, X: Any, y: Any) -> Mean:
        return self


class SilentBeforeFit(Mean):
    def predict(self, X: Any) -> Any:
        return np.zeros(len(X))


class VagueBeforeFit(Mean):
    def predict(self, X: Any) -> Any:
        if not hasattr(self, "mean_"):
            raise ValueError("not ready")
        return super().predict(X)


class ColumnOutput(Mean):
    def predict(self, X: Any) -> Any:
        return super().predict(X).reshape(-1, 1)


class Starter(Mean):
    def fit(self, X: Any, y: Any) -> Mean:
        raise NotImplementedError


def _conform(cls: type) -> Any:
    return est.check_conformance(
        cls, init_kwargs={"shift": 0.5}, fit_args=(X.copy(), Y.copy()), learned=("mean_",)
    )


def test_a_conforming_estimator_passes_and_comes_back_fitted() -> None:
    model = _conform(Mean)
    assert model.mean_ == pytest.approx(Y.mean() + 0.5)


@pytest.mark.parametrize(
    ("cls", "words"),
    [
        (ConvertsInInit, "keep each argument as given"),
        (ForgetsArg, "has no attribute shift"),
        (LearnsInInit, "never fitted already has mean_"),
        (ReturnsNone, "return self"),
        (MutatesInput, "changed the X"),
        (LearnsNothing, "has no mean_"),
        (SilentBeforeFit, "predict before fit returned"),
        (VagueBeforeFit, "should say to call fit(X, y) first"),
        (ColumnOutput, "shape (4, 1), expected (4,)"),
    ],
)
def test_each_broken_rule_fails_with_a_message_that_teaches(cls: type, words: str) -> None:
    with pytest.raises(CheckFailed) as caught:
        _conform(cls)
    assert words in str(caught.value)


def test_not_implemented_passes_through_as_not_attempted() -> None:
    with pytest.raises(NotImplementedError):
        _conform(Starter)


def test_fit_helper_uses_the_model_and_checks_the_input() -> None:
    assert est.fit(ReturnsNone(), X.copy(), Y.copy()).mean_ == pytest.approx(Y.mean())
    with pytest.raises(CheckFailed, match="changed the X"):
        est.fit(MutatesInput(), X.copy(), Y.copy())


def test_input_unchanged_compares_frames_with_missing_values() -> None:
    import pandas as pd

    frame = pd.DataFrame({"a": [1.0, None], "b": ["x", "y"]})
    est.expect_input_unchanged(lambda: frame.copy().fillna(0), frame, call="clean(df)")

    def fill() -> None:
        frame.fillna(0, inplace=True)

    with pytest.raises(CheckFailed, match="changed the X"):
        est.expect_input_unchanged(fill, frame, call="clean(df)")


def test_output_shape_says_when_only_the_shape_is_off() -> None:
    assert est.expect_output_shape([1, 2, 3], (3,), call="predict").shape == (3,)
    with pytest.raises(CheckFailed, match="reshape"):
        est.expect_output_shape(np.zeros((3, 1)), (3,), call="predict")
    with pytest.raises(CheckFailed, match="return statement"):
        est.expect_output_shape(None, (3,), call="predict")


def test_learner_class_names_the_missing_class(tmp_path: Path) -> None:
    (tmp_path / "tinymodel.py").write_text("class Other:\n    pass\nMean = 3\n")
    ctx = Context(workdir=tmp_path)
    with pytest.raises(CheckFailed, match="no class Model: keep the class name"):
        est.learner_class(ctx, "tinymodel", "Model")
    with pytest.raises(CheckFailed, match="as a int, not a class"):
        est.learner_class(ctx, "tinymodel", "Mean")
    assert est.learner_class(ctx, "tinymodel", "Other").__name__ == "Other"


def test_bars_are_read_from_the_context_and_judged(tmp_path: Path) -> None:
    ctx = Context(
        workdir=tmp_path,
        bars={
            "accuracy": {"at_least": 0.8, "why": "the majority baseline scores 0.62"},
            "rmse": {"at_most": 2.0, "why": "half the spread of y"},
        },
    )
    assert ctx.bar("accuracy").threshold == 0.8
    expect_bar(ctx, "accuracy", 0.85)
    expect_bar(ctx, "rmse", 1.5)
    assert ctx.metrics == {"accuracy": 0.85, "rmse": 1.5}
    with pytest.raises(CheckFailed, match=r"^accuracy=0\.7 is below the bar 0\.8\. Tune it\.$"):
        expect_bar(ctx, "accuracy", 0.7, note="Tune it.")
    with pytest.raises(CheckFailed, match=r"above the bar 2\. \(The bar: half the spread of y\)$"):
        expect_bar(ctx, "rmse", 2.5)
    with pytest.raises(CheckFailed):
        expect_bar(ctx, "accuracy", float("nan"))
    with pytest.raises(GradingError, match=r"bar 'f1'.*declared: accuracy, rmse"):
        ctx.bar("f1")
