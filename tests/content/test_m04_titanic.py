"""m04-titanic: its checks pass every honest model that clears the bar and fail each leak.

The checks run in-process here (the sandboxed grader runs them out of process): each
submission is copied as titanic_model.py into a temporary working copy, and every registered
check is called with a Context on it. Held-back submissions live in submissions/m04_titanic/:
alt_*.py are correct in different ways, wrong_*.py each carry one mistake.
"""

from __future__ import annotations

import importlib.util
import pickle
import time
import tomllib
from pathlib import Path

import pytest

from airoadmap.curriculum.models import Exercise
from airoadmap.grading.api import CheckFailed, CheckSpec, Context
from tests.content.inprocess import EXERCISES, Results, failures, load_checks, run_checks

EXERCISE = EXERCISES / "m04-titanic"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m04_titanic"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))
MODULE = "titanic_model"

# Each wrong submission, the check (function name) that must fail it, and what its message
# must say.
WRONG = {
    "wrong_uses_boat.py": ("fits_without_leaky_columns", "needs the column 'boat'"),
    "wrong_drops_label.py": ("fits_without_leaky_columns", "nothing to drop"),
    "wrong_prefitted_pickle.py": ("returns_unfitted", "already fitted"),
    "wrong_prefitted_on_all_data.py": ("returns_unfitted", "while make_model() ran"),
    "wrong_global_imputation.py": ("returns_unfitted", "while being imported"),
    "wrong_lookup_quietly.py": ("fits_without_leaky_columns", "read the Titanic data set"),
    "wrong_majority.py": ("holdout_accuracy", "same class for everyone"),
    "wrong_unpruned_tree.py": ("holdout_accuracy", "below the bar 0.78"),
    "wrong_sex_rule.py": ("learns_from_labels", "flipped"),
    "wrong_predicts_probabilities.py": ("fits_without_leaky_columns", "not probabilities"),
}


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks("m04-titanic")


@pytest.fixture(scope="module")
def notebook_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pipeline fitted on all 1309 passengers, pickled (what wrong_prefitted_pickle loads)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    from airoadmap.lab.titanic.data import load_titanic

    X, y = load_titanic()
    columns = ColumnTransformer(
        [
            ("num", SimpleImputer(strategy="median"), ["pclass", "age", "sibsp", "parch", "fare"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["sex"]),
        ]
    )
    model = Pipeline([("columns", columns), ("model", LogisticRegression(max_iter=1000))])
    path = tmp_path_factory.mktemp("notebook") / "model.pkl"
    path.write_bytes(pickle.dumps(model.fit(X, y)))
    return path


@pytest.fixture(autouse=True)
def _notebook_model_env(notebook_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TITANIC_NOTEBOOK_MODEL", str(notebook_model))


def run(checks: list[CheckSpec], source: Path, tmp_path: Path) -> tuple[Results, Context]:
    return run_checks(checks, source, MODULE, tmp_path)


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    exercise = Exercise.model_validate(tomllib.loads((EXERCISE / "exercise.toml").read_text()))
    keys = {group.key for group in exercise.hints}
    assert keys == {"contract", "leakage", "features"}
    assert all(len(group.tiers) == 3 for group in exercise.hints)
    assert [spec.func.__name__ for spec in checks] == [
        "returns_unfitted",
        "fits_without_leaky_columns",
        "holdout_accuracy",
        "learns_from_labels",
    ]
    assert {spec.hint for spec in checks} <= keys
    assert exercise.files == [f"{MODULE}.py"]
    assert exercise.datasets == ["titanic"]
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / f"{MODULE}.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run(checks, EXERCISE / "solution" / f"{MODULE}.py", tmp_path)
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    assert ctx.metrics["accuracy_holdout"] == pytest.approx(0.8206, abs=1e-3)
    assert ctx.metrics["accuracy_flipped_labels"] < 0.3
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
    # A mistake reads as a wrong answer (FAIL) or a crash (ERROR), never as "not attempted".
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


def test_fence_is_open_again_after_the_checks(checks: list[CheckSpec], tmp_path: Path) -> None:
    """After a check that refused a read, the data set loads normally (the fence is scoped)."""
    run(checks, SUBMISSIONS / "wrong_prefitted_on_all_data.py", tmp_path)
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
