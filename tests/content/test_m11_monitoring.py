"""m11-monitoring: the checks' own instruments, without MLflow.

The solution, the starter and the held-back submissions (submissions/m11_monitoring/) are
run by tests/content/test_submissions.py, the contract table by
tests/content/test_contracts.py. Here: the checks' stream is the one the learner can try
(make_stream's recipe), the change at CHANGE_AT is visible in the inputs and in the
champion's accuracy and nowhere before, the planted challenger is perfect on its training
rows and wrong on every later one, and the pinning and install rules of the workflow checks
say what the brief says.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import ModuleType

import numpy as np
import pytest

from airoadmap.curriculum.loader import exercise_dir
from tests.content.contracts import load_checks, load_module

EXERCISE_ID = "m11-monitoring"


@pytest.fixture(scope="module")
def checks() -> Iterator[ModuleType]:
    name = "_m11_monitoring_checks_under_test"
    yield load_checks(EXERCISE_ID, name)
    sys.modules.pop(name, None)


@pytest.fixture(scope="module")
def solution() -> Iterator[ModuleType]:
    name = "_m11_monitoring_solution_under_test"
    yield load_module(exercise_dir(EXERCISE_ID) / "solution" / "monitoring.py", name)
    sys.modules.pop(name, None)


def test_the_checks_stream_follows_make_streams_recipe(checks: ModuleType) -> None:
    stream = checks._stream()
    assert len(stream) == checks.BATCHES
    assert all(X.shape == (checks.BATCH, 4) for X, _ in stream)
    means = np.array([X[:, 0].mean() for X, _ in stream])
    assert np.all(np.abs(means[: checks.CHANGE_AT]) < 0.2)
    assert np.all(np.abs(means[checks.CHANGE_AT :] - 1.0) < 0.2)


def test_the_change_shows_in_psi_and_accuracy_only_after_change_at(
    checks: ModuleType, solution: ModuleType
) -> None:
    X_train, y_train, X_ref, y_ref = checks._reference()
    champion = solution.train_model(X_train, y_train)
    stream = checks._stream()
    psi = [float(solution.psi(X_ref, X).max()) for X, _ in stream]
    acc = [solution.accuracy(champion.predict(X), y) for X, y in stream]
    before, after = slice(0, checks.CHANGE_AT), slice(checks.CHANGE_AT, None)
    assert max(psi[before]) < 0.1 < 0.5 < min(psi[after])  # the threshold 0.2 in between
    baseline = solution.accuracy(champion.predict(X_ref), y_ref)
    assert min(acc[before]) > baseline - 0.05 > 0.7 > max(acc[after])


def test_the_planted_challengers_lose_on_later_rows_only(
    checks: ModuleType, solution: ModuleType
) -> None:
    stream = checks._stream()
    X = np.concatenate([stream[11][0], stream[12][0]])
    y = np.concatenate([stream[11][1], stream[12][1]])
    champion = solution.train_model(*checks._reference()[:2])
    train = checks._worse_trainer(champion)
    by_heart, copy = train(X, y), train(X, y)
    assert np.array_equal(by_heart.predict(X), y)  # perfect on its training rows
    for X_later, y_later in stream[13:]:
        score = solution.accuracy(by_heart.predict(X_later), y_later)
        assert 0.3 < score < 0.5 < solution.accuracy(champion.predict(X_later), y_later)
        assert np.array_equal(copy.predict(X_later), champion.predict(X_later))  # a tie


@pytest.mark.parametrize(
    ("uses", "pinned"),
    [
        ("actions/checkout@v4", True),
        ("actions/setup-python@v5.3.0", True),
        ("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", True),
        ("./.github/actions/local", True),
        ("docker://python:3.12-slim", True),
        ("actions/checkout@main", False),
        ("actions/checkout", False),
        ("actions/checkout@11bd719", False),
        ("docker://python", False),
    ],
)
def test_pinning_rule(checks: ModuleType, uses: str, pinned: bool) -> None:
    assert (checks._pin_problem(uses) is None) is pinned


def test_installing_a_linter_is_not_linting(checks: ModuleType) -> None:
    job = {"steps": [{"run": "pip install ruff==0.8.4"}, {"run": "python -m pip install flake8"}]}
    assert checks._jobs_doing({"lint": job}, checks.LINT_TOOLS) == []
    job["steps"].append({"run": "ruff check ."})
    assert checks._jobs_doing({"lint": job}, checks.LINT_TOOLS) == ["lint"]
