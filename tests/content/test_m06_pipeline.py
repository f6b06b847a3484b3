"""m06-pipeline: its checks pass honest pipelines and fail each mistake with its own message.

The checks run in-process here (the sandboxed grader runs them out of process, see
tests/curriculum/test_devcheck.py): each submission is copied as pipeline.py into a
temporary working copy, and the checks are called with a Context on it. They read back the
MLflow run the submission logged into a SQLite store inside that copy. Held-back
submissions live in submissions/m06_pipeline/: alt_*.py are correct in other ways, wrong_*.py
each carry one mistake (most take the reference's functions and replace one).
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest

from airoadmap.curriculum.models import Exercise
from airoadmap.grading.api import CheckFailed, CheckSpec
from tests.content.inprocess import EXERCISES, failures, load_checks, run_checks

EXERCISE = EXERCISES / "m06-pipeline"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m06_pipeline"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))
MODULE = "pipeline"
ORDER = [
    "hash_is_a_fingerprint",
    "builds_pipeline",
    "handles_missing_and_unseen",
    "logs_a_run",
    "metric_is_validation_score",
    "model_has_signature",
    "fitted_on_training_rows",
    "reproducible",
]

# Each wrong submission, the check (function name) that must fail it, and what its message
# must say. Every check before that one must pass it: the mistake is caught where it is.
WRONG = {
    "wrong_hash_ignores_labels.py": ("hash_is_a_fingerprint", "Flipping one label"),
    "wrong_hash_object_bytes.py": ("hash_is_a_fingerprint", "two copies of the same rows"),
    "wrong_unseeded_forest.py": ("builds_pipeline", "random_state is None"),
    "wrong_no_imputer.py": ("handles_missing_and_unseen", "put a SimpleImputer"),
    "wrong_no_handle_unknown.py": ("handles_missing_and_unseen", 'handle_unknown="ignore"'),
    "wrong_no_scaler.py": ("handles_missing_and_unseen", "not standardised"),
    "wrong_returns_nothing.py": ("logs_a_run", "forget a return statement"),
    "wrong_run_left_open.py": ("logs_a_run", "still open"),
    "wrong_no_params.py": ("logs_a_run", "lack ['seed'"),
    "wrong_metric_on_train.py": ("metric_is_validation_score", "its own training rows"),
    "wrong_no_signature.py": ("model_has_signature", "without a signature"),
    "wrong_scaler_on_all_rows.py": ("fitted_on_training_rows", "validation rows together"),
    "wrong_unseeded_subsample.py": ("fitted_on_training_rows", "not a sample of it"),
    "wrong_seed_from_clock.py": ("reproducible", "not seeded"),
}


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks("m06-pipeline")


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    exercise = Exercise.model_validate(tomllib.loads((EXERCISE / "exercise.toml").read_text()))
    keys = {group.key for group in exercise.hints}
    assert keys == {"hash", "pipeline", "tracking", "metric", "model", "leakage", "reproducible"}
    assert all(len(group.tiers) == 3 for group in exercise.hints)
    assert [spec.func.__name__ for spec in checks] == ORDER
    assert {spec.hint for spec in checks} == keys
    assert exercise.files == [f"{MODULE}.py"]
    assert exercise.limits.processes == 0
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / f"{MODULE}.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run_checks(checks, EXERCISE / "solution" / f"{MODULE}.py", MODULE, tmp_path)
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    # The reference forest on the checks' split (seed 7, 60 trees): pinned so a change in
    # the split, the data or the reference shows here.
    assert ctx.metrics["valid_roc_auc"] == pytest.approx(0.8517, abs=1e-3)
    assert elapsed < 20.0, f"the checks took {elapsed:.1f} s on the solution"


def test_solution_logs_into_the_working_copy_only(checks: list[CheckSpec], tmp_path: Path) -> None:
    """The tracking store (database and artifacts) is created inside the working copy."""
    selected = [c for c in checks if c.func.__name__ in ("logs_a_run", "model_has_signature")]
    results, ctx = run_checks(selected, EXERCISE / "solution" / f"{MODULE}.py", MODULE, tmp_path)
    assert failures(results) == {}
    store = ctx.workdir / "mlflow-check"
    assert (store / "mlruns.db").is_file()
    assert list((store / "artifacts").rglob("MLmodel"))
    assert not (ctx.workdir / "mlruns").exists()


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / f"{MODULE}.py"
    assert "# TODO:" in starter.read_text()
    results, _ = run_checks(checks, starter, MODULE, tmp_path)
    kinds = {name: type(e).__name__ for name, e in results.items()}
    assert set(kinds.values()) == {"NotImplementedError"}, kinds


def test_starter_gives_the_same_helpers_as_the_solution() -> None:
    """score(), feature_columns() and the constants the brief names are the solution's."""
    from tests.content.inprocess import load_module

    starter = load_module(EXERCISE / "starter" / f"{MODULE}.py", "m06_starter")
    solution = load_module(EXERCISE / "solution" / f"{MODULE}.py", "m06_solution")
    for name in ("MODELS", "SKOPS_TRUSTED_TYPES", "PIP_REQUIREMENTS"):
        assert getattr(starter, name) == getattr(solution, name), name
    import inspect

    for name in ("score", "feature_columns"):
        assert inspect.getsource(getattr(starter, name)).replace(" (given)", "") == (
            inspect.getsource(getattr(solution, name))
        )


@pytest.mark.parametrize("source", CORRECT, ids=lambda p: p.stem)
def test_correct_alternative_passes(checks: list[CheckSpec], source: Path, tmp_path: Path) -> None:
    results, _ = run_checks(checks, source, MODULE, tmp_path)
    assert failures(results) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(CORRECT) >= 2


@pytest.mark.parametrize(("name", "expected"), sorted(WRONG.items()))
def test_wrong_submission_fails_its_check(
    checks: list[CheckSpec], name: str, expected: tuple[str, str], tmp_path: Path
) -> None:
    check_name, phrase = expected
    upto = checks[: ORDER.index(check_name) + 1]
    results, _ = run_checks(upto, SUBMISSIONS / name, MODULE, tmp_path)
    raised = results[check_name]
    assert isinstance(raised, CheckFailed), f"{check_name}: {raised!r}"
    assert phrase in str(raised), str(raised)
    earlier = {k: v for k, v in failures(results).items() if k != check_name}
    assert earlier == {}, f"an earlier check already fails {name}: {earlier}"


def test_every_wrong_submission_is_listed() -> None:
    assert {p.name for p in SUBMISSIONS.glob("wrong_*.py")} == set(WRONG)
