"""m04-titanic: the content fits together; the solution's score; the reference's features.

The solution, the starter and the held-back submissions (submissions/m04_titanic/, whose
_setup.py pickles the "notebook" model one of them loads) are run by
tests/content/test_submissions.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EXERCISE_ID = "m04-titanic"
EXERCISE = exercise_dir(EXERCISE_ID)
SUBMISSIONS = Path(__file__).parent / "submissions" / "m04_titanic"
MODULE = "titanic_model"


def test_checks_and_hints_fit_together() -> None:
    exercise = load_model(EXERCISE / "exercise.toml", Exercise)
    assert {group.key for group in exercise.hints} == {"contract", "leakage", "features"}
    assert list(declared_checks(EXERCISE_ID)) == [
        "returns_unfitted",
        "fits_without_leaky_columns",
        "holdout_accuracy",
        "learns_from_labels",
    ]
    assert exercise.files == [f"{MODULE}.py"]
    assert exercise.datasets == ["titanic"]
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / f"{MODULE}.py").is_file()


@pytest.mark.slow
def test_solution_scores() -> None:
    """Pinned, so that a change in the split, the data or the reference shows here."""
    result = run_inprocess(EXERCISE_ID, {}, only=["holdout_accuracy", "learns_from_labels"])
    assert result.passed, result.failures()
    assert result.metrics["accuracy_holdout"] == pytest.approx(0.8206, abs=1e-3)
    assert result.metrics["accuracy_flipped_labels"] < 0.3


@pytest.mark.slow
def test_fence_is_open_again_after_the_checks() -> None:
    """After a check that refused a read, the data set loads normally (the fence is scoped)."""
    wrong = SUBMISSIONS / "wrong_prefitted_on_all_data.py"
    result = run_inprocess(EXERCISE_ID, {f"{MODULE}.py": wrong}, only=["returns_unfitted"])
    assert result.outcome("returns_unfitted") == "FAIL"
    from airoadmap.datasets import load_frame

    assert load_frame("titanic").shape == (1309, 14)


# --- the reference solution beyond the checks -------------------------------------------


@pytest.fixture(scope="module")
def solution() -> object:
    spec = importlib.util.spec_from_file_location(
        "m04_titanic_solution", EXERCISE / "solution" / f"{MODULE}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _passengers() -> object:
    import pandas as pd

    return pd.DataFrame(
        {
            "pclass": [1, 3, 3, 2, 3],
            "name": [
                "Allen, Miss. Elisabeth Walton",
                "Braund, Mr. Owen Harris",
                "Palsson, Master. Gosta Leonard",
                "Nasser, Mrs. Nicholas (Adele Achem)",
                "Palsson, Mrs. Nils (Alma Cornelia Berglund)",
            ],
            "sex": ["female", "male", "male", "female", "female"],
            "age": [29.0, None, 2.0, 14.0, None],
            "sibsp": [0, 1, 3, 1, 0],
            "parch": [0, 0, 1, 0, 4],
            "ticket": ["24160", "A/5 21171", "349909", "237736", "349909"],
            "fare": [211.3, 7.25, 21.075, None, 21.075],
            "cabin": ["B5", None, None, None, None],
            "embarked": ["S", "S", "S", None, "S"],
            "home_dest": [None] * 5,
        }
    )


def test_features_learn_only_from_fit(solution: object) -> None:
    import numpy as np

    X = _passengers()
    y = np.array([1, 0, 0, 1, 1])
    features = solution.TitanicFeatures(min_title_count=1).fit(X, y)  # type: ignore[attr-defined]
    out = features.transform(X)
    assert list(out.columns) == list(features.get_feature_names_out())
    assert not out.isna().any().any()
    # Braund's age is missing and he is the only "Mr": the overall training median fills it.
    assert out.loc[1, "age"] == pytest.approx(np.nanmedian([29.0, 2.0, 14.0]))
    assert out.loc[0, "deck"] == "B" and out.loc[1, "deck"] == "Unknown"
    assert out.loc[2, "title"] == "Master" and out.loc[2, "family_size"] == 5
    assert out.loc[3, "embarked"] == "S"  # the training mode
    # Ticket 349909 is shared by rows 2 and 4: each sees the other, never itself.
    assert out.loc[2, "ticket_mates_known"] == 1 and out.loc[2, "ticket_survival"] == 1.0
    assert out.loc[4, "ticket_mates_known"] == 1 and out.loc[4, "ticket_survival"] == 0.0
    assert out.loc[0, "ticket_mates_known"] == 0
    assert out.loc[0, "ticket_survival"] == pytest.approx(0.6)  # the training survival rate
    # A new passenger on ticket 349909 sees both training passengers on it.
    new = X.iloc[[2]].assign(name="Palsson, Miss. Torborg Danira")
    assert features.transform(new)["ticket_mates_known"].iloc[0] == 2


def test_features_refuse_what_they_cannot_use(solution: object) -> None:
    X = _passengers()
    features = solution.TitanicFeatures()  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="not fitted"):
        features.transform(X)
    with pytest.raises(ValueError, match=r"\['ticket'\]"):
        features.fit(X.drop(columns=["ticket"]), [1, 0, 0, 1, 1])
    with pytest.raises(ValueError, match="fit\\(X, y\\)"):
        features.fit(X)
