"""m04-spam: its checks pass every honest filter that clears the bar and fail each mistake.

The checks run in-process here (the sandboxed grader runs them out of process). Held-back
submissions live in submissions/m04_spam/: alt_*.py are correct in different ways, wrong_*.py
each carry one mistake.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from airoadmap.grading.api import CheckFailed, CheckSpec, Context
from tests.content.inprocess import (
    EXERCISES,
    Results,
    exercise,
    failures,
    load_checks,
    load_module,
    run_checks,
)

EXERCISE = EXERCISES / "m04-spam"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m04_spam"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))
MODULE = "spam_classifier"

# Each wrong submission, the check that must fail it, and what its message must say.
WRONG = {
    "wrong_always_ham.py": ("spam_f1", "calls no message spam"),
    "wrong_tfidf_naive_bayes_default.py": ("spam_f1", "the model misses spam"),
    "wrong_logistic_default_c.py": ("spam_f1", "a larger C"),
    "wrong_vocabulary_from_all.py": ("returns_unfitted", "read the SMS spam data set"),
    "wrong_prefitted.py": ("returns_unfitted", "already fitted"),
    "wrong_predicts_numbers.py": ("fits_raw_texts", "not 0/1"),
    "wrong_keyword_rules.py": ("learns_from_labels", "swapped"),
}


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks("m04-spam")


def run(checks: list[CheckSpec], source: Path, tmp_path: Path) -> tuple[Results, Context]:
    return run_checks(checks, source, MODULE, tmp_path)


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    ex = exercise("m04-spam")
    keys = {group.key for group in ex.hints}
    assert keys == {"contract", "features", "leakage"}
    assert all(len(group.tiers) == 3 for group in ex.hints)
    assert [spec.func.__name__ for spec in checks] == [
        "returns_unfitted",
        "fits_raw_texts",
        "spam_f1",
        "learns_from_labels",
    ]
    assert {spec.hint for spec in checks} <= keys
    assert ex.files == [f"{MODULE}.py"] and ex.datasets == ["sms-spam"]


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run(checks, EXERCISE / "solution" / f"{MODULE}.py", tmp_path)
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    assert ctx.metrics["spam_f1"] == pytest.approx(0.9551, abs=1e-3)
    assert ctx.metrics["spam_precision"] > 0.95 and ctx.metrics["spam_recall"] > 0.85
    assert ctx.metrics["spam_f1_swapped_labels"] < 0.1
    assert elapsed < 10.0, f"the checks took {elapsed:.1f} s on the solution"


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / f"{MODULE}.py"
    assert "# TODO:" in starter.read_text()
    results, _ = run(checks, starter, tmp_path)
    kinds = {name: type(e).__name__ for name, e in results.items()}
    assert set(kinds.values()) == {"NotImplementedError"}, kinds


@pytest.mark.parametrize("source", CORRECT, ids=lambda p: p.stem)
def test_correct_alternative_passes(checks: list[CheckSpec], source: Path, tmp_path: Path) -> None:
    results, _ = run(checks, source, tmp_path)
    assert failures(results) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(CORRECT) >= 3


@pytest.mark.parametrize(("name", "expected"), sorted(WRONG.items()))
def test_wrong_submission_fails_its_check(
    checks: list[CheckSpec], name: str, expected: tuple[str, str], tmp_path: Path
) -> None:
    check_name, phrase = expected
    results, _ = run(checks, SUBMISSIONS / name, tmp_path)
    raised = results[check_name]
    assert isinstance(raised, CheckFailed), f"{check_name}: {raised!r}"
    assert phrase in str(raised), str(raised)
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


def test_holdout_split_keeps_copies_together() -> None:
    """No normalised text of the held-out messages is among the training ones."""
    from airoadmap.lab.spam.data import holdout_split, load_sms, normalise

    split = holdout_split(*load_sms())
    seen = {normalise(t) for t in split.X_train}
    assert not any(normalise(t) in seen for t in split.X_holdout)
    assert len(split.X_holdout) + len(split.X_train) == 4862
    spam_share = np.mean(split.y_holdout == "spam")
    assert 0.12 < spam_share < 0.15  # stratified: the collection has 13.2% spam


def test_solution_features_cover_words_and_characters() -> None:
    solution = load_module(EXERCISE / "solution" / f"{MODULE}.py", "m04_spam_solution")
    texts = ["WIN a FREE prize, txt 80082 now", "see you at lunch", "free entry txt win"]
    features = solution.make_features().fit(texts)
    names = set(features.get_feature_names_out())
    assert "words__free entry" in names
    assert any(n.startswith("chars__") and "txt" in n for n in names)
