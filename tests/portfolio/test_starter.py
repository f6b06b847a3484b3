"""Untouched starter code is never published as the learner's work (issue 8, 5.9).

The case a learner hit: progress imported from another machine (the passes are real) into a
workspace whose files are still the starters. The portfolio lists the passes, but shows and
copies no starter file as their code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.curriculum.loader import curriculum, exercise_dir
from airoadmap.grading.workcopy import code_hash
from airoadmap.portfolio import build_portfolio, verify_site
from airoadmap.portfolio.collect import STATUS_TEXT, collect
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.workspace import Workspace


def _workspace(root: Path) -> Workspace:
    """m01-katas and m03-linreg passed elsewhere (hash of the solutions); here m01-katas is
    the untouched starter and m03-linreg holds the learner's own (solution) code."""
    cur = curriculum()
    Workspace.init(root, cur)
    ws = Workspace(root.resolve())
    linreg = ws.exercise_path(cur, cur.exercises["m03-linreg"])
    shutil.copyfile(exercise_dir("m03-linreg") / "solution" / "linreg.py", linreg / "linreg.py")
    with ProgressStore.for_workspace(ws.db_path) as store:
        for eid in ("m01-katas", "m03-linreg"):
            solved = code_hash(exercise_dir(eid) / "solution", cur.exercises[eid].files)
            store.record_attempt(eid, Outcome.PASS, checks=[], code_hash=solved)
    return ws


def test_a_starter_file_is_flagged_and_never_copied(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws")
    cur = curriculum()
    with ProgressStore.for_workspace(ws.db_path) as store:
        entries = {e.id: e for e in collect(cur, ws, store)}
    assert entries["m01-katas"].status == "starter"
    assert [f.starter for f in entries["m01-katas"].files] == [True]
    assert entries["m03-linreg"].status == "verified"
    assert [f.starter for f in entries["m03-linreg"].files] == [False]

    out = tmp_path / "site"
    result = build_portfolio(ws, out)
    assert result.starter == ["m01-katas"] and "m01-katas" not in result.modified
    assert not (out / "m01-katas" / "code").exists()
    assert (out / "m03-linreg" / "code" / "linreg.py").is_file()
    starter_text = (exercise_dir("m01-katas") / "starter" / "katas.py").read_text()
    page = (out / "m01-katas" / "index.html").read_text()
    assert STATUS_TEXT["starter"].split(":")[0] in page
    assert "not the work that passed: not shown" in page
    first_code_line = next(line for line in starter_text.splitlines() if line.startswith("def "))
    assert first_code_line.split("(")[0].removeprefix("def ") not in page.split("<h2>Code</h2>")[1]
    manifest = json.loads((out / "manifest.json").read_text())
    files = next(e for e in manifest["exercises"] if e["id"] == "m01-katas")["files"]
    assert files == [
        {
            "name": "katas.py",
            "sha256": files[0]["sha256"],
            "size": files[0]["size"],
            "path": None,
            "starter": True,
        }
    ]
    verdicts = {v.exercise_id: v for v in verify_site(out)}
    assert verdicts["m01-katas"].code_matches is None  # nothing claimed about absent code
    assert verdicts["m03-linreg"].code_matches is True


def test_cli_build_names_the_exercises_shown_without_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airoadmap.cli.app import app

    ws = _workspace(tmp_path / "ws")
    monkeypatch.chdir(ws.root)
    result = CliRunner().invoke(
        app, ["portfolio", "build", "--out", str(tmp_path / "site")], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "m01-katas: passed, but its files here are the untouched starter" in result.output
