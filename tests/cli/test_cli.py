"""The CLI as a learner uses it: init, status, show, check, hint, solution, reset, export."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.cli.app import app
from tests.conftest import exercise_file

runner = CliRunner()


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    code, out = cli("init", str(root), "--start", "2026-01-05", "--hours", "10")
    assert code == 0, out
    monkeypatch.chdir(root)
    return root


def test_init_creates_month_folders_and_keeps_learner_files(ws: Path) -> None:
    katas = exercise_file(ws, "m01-katas", "katas.py")
    assert katas.is_file() and (katas.parent / "BRIEF.md").is_file()
    assert (ws / ".gitignore").is_file() and (ws / "README.md").is_file()
    assert len([p for p in ws.iterdir() if p.name.startswith("m") and p.is_dir()]) == 12
    katas.write_text("# my work\n")
    code, out = cli("init", str(ws))
    assert code == 0 and "kept" in out
    assert katas.read_text() == "# my work\n"


def test_status_shows_twelve_months_and_next_step(ws: Path) -> None:
    code, out = cli("status", "--json")
    assert code == 0
    data = json.loads(out)
    assert [m["number"] for m in data["months"]] == list(range(1, 13))
    assert data["schedule"]["next_exercise"] == "m01-katas"
    code, out = cli("status")
    assert code == 0 and "Month" in out and "m01-katas" in out


def test_untouched_starter_is_not_attempted(ws: Path) -> None:
    code, out = cli("check", "m03-linreg", "--json")
    assert code == 1
    assert json.loads(out)["outcome"] == "NOT_ATTEMPTED"


def test_solution_passes_and_status_counts_it(
    ws: Path, solution_text: Callable[[str, str], str]
) -> None:
    exercise_file(ws, "m03-linreg", "linreg.py").write_text(
        solution_text("m03-linreg", "linreg.py")
    )
    code, out = cli("check", "m03-linreg")
    assert code == 0, out
    assert "PASS" in out
    data = json.loads(cli("status", "--json")[1])
    month3 = data["months"][2]
    assert month3["passed"] == 1
    assert data["best"]["m03-linreg"] == "PASS"


def test_hint_tiers_advance_and_are_recorded(ws: Path) -> None:
    first = cli("hint", "m03-linreg", "--on", "general")[1]
    second = cli("hint", "m03-linreg", "--on", "general")[1]
    assert "hint 1 of" in first and "hint 2 of" in second
    exported = json.loads(cli("progress", "export")[1])
    assert len(exported["hints_used"]) == 2


def test_solution_needs_a_pass_or_a_recorded_reveal(ws: Path) -> None:
    code, out = cli("solution", "m03-linreg")
    assert code == 1 and "has not passed yet" in out
    code, out = cli("solution", "m03-linreg", "--reveal")
    assert code == 0 and "class LinearRegression" in out
    exported = json.loads(cli("progress", "export")[1])
    assert exported["solution_reveals"][0]["after_pass"] is False


def test_reset_restores_starter_and_keeps_a_backup(ws: Path) -> None:
    linreg = exercise_file(ws, "m03-linreg", "linreg.py")
    starter = linreg.read_text()
    linreg.write_text("# my attempt\n")
    code, out = cli("reset", "m03-linreg")
    assert code == 0, out
    assert linreg.read_text() == starter
    backups = list((ws / ".airoadmap" / "backups" / "m03-linreg").rglob("linreg.py"))
    assert [b.read_text() for b in backups] == ["# my attempt\n"]


def test_reset_brings_back_a_nested_file_whose_folder_was_deleted(ws: Path) -> None:
    workflow = exercise_file(ws, "m11-monitoring", ".github/workflows/ci.yml")
    starter = workflow.read_text()
    shutil.rmtree(workflow.parent)
    code, out = cli("reset", "m11-monitoring")
    assert code == 0, out
    assert workflow.read_text() == starter


def test_export_import_round_trip(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("check", "m03-linreg")
    cli("hint", "m01-katas")
    out_file = tmp_path / "progress.json"
    code, said = cli("progress", "export", str(out_file))
    assert code == 0
    assert said.split() == f"Wrote 1 attempt, 1 hint used and 0 quiz reviews to {out_file}.".split()
    other = tmp_path / "other"
    cli("init", str(other))
    monkeypatch.chdir(other)
    assert cli("progress", "import", str(out_file))[0] == 0
    again = tmp_path / "again.json"
    cli("progress", "export", str(again))
    first, second = json.loads(out_file.read_text()), json.loads(again.read_text())
    first.pop("exported_at", None)
    second.pop("exported_at", None)
    assert first == second


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "m99-nope"], "Unknown exercise 'm99-nope'"),
        (["show", "13"], "There is no month 13"),
        (["check", "m03-linreg"], "No airoadmap workspace"),
        (["init", "x", "--start", "yesterday"], "is not a date"),
        (["run", "nope"], "Unknown project 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = cli(*args)
    assert code != 0
    assert message in out
    assert "Traceback" not in out
    assert len(out.strip().splitlines()) == 1


def test_import_of_a_bad_file_is_one_line(ws: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, out = cli("progress", "import", str(bad))
    assert code == 1 and f"{bad}:1: not valid JSON" in out
