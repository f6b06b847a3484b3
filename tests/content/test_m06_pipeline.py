"""m06-pipeline: the content fits together; the solution's score; where it logs.

The solution, the starter and the held-back submissions (submissions/m06_pipeline/: most take
the reference's functions and replace one) are run by tests/content/test_submissions.py. The
checks read back the MLflow run a submission logged into a SQLite store inside its working
copy.
"""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path
from types import ModuleType

import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EXERCISE_ID = "m06-pipeline"
EXERCISE = exercise_dir(EXERCISE_ID)
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


def load_module(path: Path, name: str) -> ModuleType:
    """Import the file at `path` as a module named `name` (not registered in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_checks_and_hints_fit_together() -> None:
    exercise = load_model(EXERCISE / "exercise.toml", Exercise)
    keys = {group.key for group in exercise.hints}
    assert keys == {"hash", "pipeline", "tracking", "metric", "model", "leakage", "reproducible"}
    assert list(declared_checks(EXERCISE_ID)) == ORDER
    assert exercise.files == [f"{MODULE}.py"]
    assert exercise.limits.processes == 0
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / f"{MODULE}.py").is_file()


@pytest.mark.slow
def test_solution_score() -> None:
    """The reference forest on the checks' split (seed 7, 60 trees): pinned, so that a change in
    the split, the data or the reference shows here."""
    result = run_inprocess(EXERCISE_ID, {}, only=["metric_is_validation_score"])
    assert result.passed, result.failures()
    assert result.metrics["valid_roc_auc"] == pytest.approx(0.8517, abs=1e-3)


@pytest.mark.slow
def test_solution_logs_into_the_working_copy_only(tmp_path: Path) -> None:
    """The tracking store (database and artifacts) is created inside the working copy."""
    work = tmp_path / "work"
    only = ["logs_a_run", "model_has_signature"]
    result = run_inprocess(EXERCISE_ID, {}, only=only, workdir=work)
    assert result.passed, result.failures()
    store = work / "mlflow-check"
    assert (store / "mlruns.db").is_file()
    assert list((store / "artifacts").rglob("MLmodel"))
    assert not (work / "mlruns").exists()


def test_starter_gives_the_same_helpers_as_the_solution() -> None:
    """score(), feature_columns() and the constants the brief names are the solution's."""
    starter = load_module(EXERCISE / "starter" / f"{MODULE}.py", "m06_starter")
    solution = load_module(EXERCISE / "solution" / f"{MODULE}.py", "m06_solution")
    for name in ("MODELS", "SKOPS_TRUSTED_TYPES", "PIP_REQUIREMENTS"):
        assert getattr(starter, name) == getattr(solution, name), name
    for name in ("score", "feature_columns"):
        assert inspect.getsource(getattr(starter, name)).replace(" (given)", "") == (
            inspect.getsource(getattr(solution, name))
        )
