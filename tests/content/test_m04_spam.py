"""m04-spam: the content fits together; the solution's scores; the held-out split.

The solution, the starter and the held-back submissions (submissions/m04_spam/) are run by
tests/content/test_submissions.py.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EXERCISE_ID = "m04-spam"
EXERCISE = exercise_dir(EXERCISE_ID)
MODULE = "spam_classifier"


def test_checks_and_hints_fit_together() -> None:
    ex = load_model(EXERCISE / "exercise.toml", Exercise)
    assert {group.key for group in ex.hints} == {"contract", "features", "leakage"}
    assert list(declared_checks(EXERCISE_ID)) == [
        "returns_unfitted",
        "fits_raw_texts",
        "spam_f1",
        "learns_from_labels",
    ]
    assert ex.files == [f"{MODULE}.py"] and ex.datasets == ["sms-spam"]


@pytest.mark.slow
def test_solution_scores() -> None:
    """Pinned, so that a change in the split, the data or the reference shows here."""
    result = run_inprocess(EXERCISE_ID, {}, only=["spam_f1", "learns_from_labels"])
    assert result.passed, result.failures()
    assert result.metrics["spam_f1"] == pytest.approx(0.9551, abs=1e-3)
    assert result.metrics["spam_precision"] > 0.95 and result.metrics["spam_recall"] > 0.85
    assert result.metrics["spam_f1_swapped_labels"] < 0.1


@pytest.mark.slow
def test_holdout_split_keeps_copies_together() -> None:
    """No normalised text of the held-out messages is among the training ones."""
    from airoadmap.datasets.splits.sms import holdout_split, load_sms, normalise

    split = holdout_split(*load_sms())
    seen = {normalise(t) for t in split.X_train}
    assert not any(normalise(t) in seen for t in split.X_holdout)
    assert len(split.X_holdout) + len(split.X_train) == 4862
    spam_share = np.mean(split.y_holdout == "spam")
    assert 0.12 < spam_share < 0.15  # stratified: the collection has 13.2% spam


def test_solution_features_cover_words_and_characters() -> None:
    spec = importlib.util.spec_from_file_location(
        "m04_spam_solution", EXERCISE / "solution" / f"{MODULE}.py"
    )
    assert spec is not None and spec.loader is not None
    solution = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(solution)
    texts = ["WIN a FREE prize, txt 80082 now", "see you at lunch", "free entry txt win"]
    features = solution.make_features().fit(texts)
    names = set(features.get_feature_names_out())
    assert "words__free entry" in names
    assert any(n.startswith("chars__") and "txt" in n for n in names)
