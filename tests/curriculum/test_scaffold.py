"""`airoadmap dev new` scaffolds an exercise that `dev check` accepts; dev check's own finds."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.authoring.devcheck import check_content, stray_files
from airoadmap.authoring.scaffold import module_name, scaffold
from airoadmap.cli.app import app
from airoadmap.curriculum.loader import content_root, load_curriculum
from airoadmap.errors import AiroadmapError
from airoadmap.results import Outcome


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(content_root(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_scaffolded_exercise_passes_dev_check(root: Path) -> None:
    month_file = root / "months" / "m07.toml"
    text = month_file.read_text()
    month_file.write_text(text.replace("planned = [", 'planned = ["m07-first-net", ', 1))
    before = tomllib.loads(month_file.read_text())
    folder = scaffold("m07-first-net", title='A "first" MLP', root=root)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "brief.md",
        "checks.py",
        "exercise.toml",
        "solution/first_net.py",
        "starter/first_net.py",
    ]
    month = tomllib.loads(month_file.read_text())
    assert month["exercises"] == [*before["exercises"], "m07-first-net"]
    assert month["planned"] == [e for e in before["planned"] if e != "m07-first-net"]
    assert load_curriculum(root).exercises["m07-first-net"].title == 'A "first" MLP'
    problems, results = check_content("m07-first-net", root=root)
    assert problems == []
    assert [(r.side, r.report.outcome) for r in results] == [
        ("starter", Outcome.NOT_ATTEMPTED),
        ("solution", Outcome.PASS),
    ]


def test_a_new_exercise_of_a_month_without_plans_is_appended(root: Path) -> None:
    scaffold("m03-extra-practice", root=root)
    month = tomllib.loads((root / "months" / "m03.toml").read_text())
    assert month["exercises"][-1] == "m03-extra-practice"
    assert module_name("m03-extra-practice") == "extra_practice"


@pytest.mark.parametrize(
    ("exercise_id", "says"),
    [("M07-mlp", "is not an exercise id"), ("m13-x", "is not an exercise id"),
     ("m01-katas", "already exists")],
)
def test_a_bad_or_taken_id_is_one_clear_error(root: Path, exercise_id: str, says: str) -> None:
    before = (root / "months" / "m01.toml").read_text()
    with pytest.raises(AiroadmapError, match=says):
        scaffold(exercise_id, root=root)
    assert (root / "months" / "m01.toml").read_text() == before


def test_dev_new_command(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("airoadmap.authoring.scaffold.content_root", lambda: root)
    result = CliRunner().invoke(app, ["dev", "new", "m08-tokenizer"])
    assert result.exit_code == 0, result.output
    assert "Created m08-tokenizer" in result.output and "dev check m08-tokenizer" in result.output
    assert (root / "exercises" / "m08-tokenizer" / "starter" / "tokenizer.py").is_file()
    again = CliRunner().invoke(app, ["dev", "new", "m08-tokenizer"])
    assert again.exit_code != 0 and "already exists" in again.output


def test_stray_files_are_reported_and_caches_ignored(root: Path) -> None:
    cur = load_curriculum(root)
    ex = cur.exercises["m01-katas"]
    folder = root / "exercises" / "m01-katas"
    assert stray_files(ex, root) == []
    (folder / "notes.txt").write_text("draft")
    (folder / "solution" / "helper.py").write_text("x = 1\n")
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "checks.cpython-311.pyc").write_bytes(b"\0")
    found = stray_files(ex, root)
    assert len(found) == 2
    assert found[0].startswith(f"{folder / 'notes.txt'}: stray file")
    assert found[1].startswith(f"{folder / 'solution' / 'helper.py'}: stray file")


def test_a_declared_bar_the_checks_never_record_is_reported(root: Path) -> None:
    scaffold("m07-bars-demo", root=root)
    toml = root / "exercises" / "m07-bars-demo" / "exercise.toml"
    toml.write_text(
        toml.read_text() + '\n[bars]\naccuracy = { at_least = 0.9, why = "a test bar" }\n'
    )
    problems, _ = check_content("m07-bars-demo", root=root)
    assert len(problems) == 1
    assert problems[0].startswith(f"{toml}:")
    assert "bar 'accuracy' is declared but the checks never record it" in problems[0]
