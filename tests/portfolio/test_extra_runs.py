"""The portfolio shows the runs of an exercise's extra projects (`run m07-cifar10` of m07-cnn,
`run m09-optimize` of m09-compress), from runs/<project>/, the learner's own run first, each
figure checked by `portfolio verify` like the exercise's own.

A workspace where m07-cnn passed, with runs of a tiny stand-in for m07-cifar10 made by the
real `lab.projects.run` (it reads the exercise's file without importing torch).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from airoadmap.curriculum.loader import curriculum, exercise_dir
from airoadmap.grading.workcopy import code_hash
from airoadmap.lab import projects as projects_module
from airoadmap.lab.projects import Project, run
from airoadmap.lab.reference import reference_file
from airoadmap.learner_runs import learner_code_for
from airoadmap.portfolio import build_portfolio, verify_site
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.workspace import Workspace
from tests.portfolio.conftest import png

EX, EXTRA = "m07-cnn", "m07-cifar10"
BUILT_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def tiny_cifar(run_dir: Path) -> dict[str, object]:
    """Reads the exercise's cnn.py (the learner's under --mine) and draws one figure whose
    colour says whose file it read."""
    text = reference_file(EX, "cnn.py").read_text(encoding="utf-8")
    (run_dir / "curves.png").write_bytes(png(60, 20, seed=7 if "MINE = True" in text else 1))
    return {"test_accuracy": 0.5}


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    found = {EXTRA: Project(EXTRA, "Tiny CIFAR", f"{__name__}:tiny_cifar", (), EX)}
    monkeypatch.setattr(projects_module, "projects", lambda root=None: found)
    monkeypatch.delenv("AIROADMAP_DATABASE_URL", raising=False)
    Workspace.init(tmp_path / "ws", curriculum())
    space = Workspace((tmp_path / "ws").resolve())
    monkeypatch.setenv("AIROADMAP_WORKSPACE", str(space.root))
    cur = curriculum()
    mine = space.exercise_path(cur, cur.exercises[EX]) / "cnn.py"
    source = (exercise_dir(EX) / "solution" / "cnn.py").read_text(encoding="utf-8")
    mine.write_text(source + "\nMINE = True\n", encoding="utf-8")
    with ProgressStore.for_workspace(space.db_path) as store:
        hash_ = code_hash(mine.parent, ["cnn.py"])
        store.record_attempt(EX, Outcome.PASS, checks=[], code_hash=hash_)
    return space


def build(ws: Workspace) -> tuple[Path, dict]:
    out = ws.root.parent / "site"
    build_portfolio(ws, out, now=BUILT_AT)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in manifest["exercises"] if e["id"] == EX]
    return out, entry


def test_the_learner_run_of_an_extra_project_is_shown_and_verified(ws: Workspace) -> None:
    mine = run(EXTRA, ws.runs_dir, mine=learner_code_for(EXTRA))
    reference = run(EXTRA, ws.runs_dir)  # newer, but the reference solution's
    out, entry = build(ws)
    assert entry["run"] is None  # no run of m07-cnn itself
    (extra,) = entry["extra_runs"]
    assert (extra["project"], extra["label"], extra["code"]) == (EXTRA, mine.name, "mine")
    (fig,) = extra["figures"]
    assert fig["path"] == f"{EX}/figures/{EXTRA}/curves.png"
    site_fig = (out / fig["path"]).read_bytes()
    assert site_fig == (mine / "curves.png").read_bytes() != (reference / "curves.png").read_bytes()
    page = (out / EX / "index.html").read_text()
    assert f'src="figures/{EXTRA}/curves.png"' in page
    assert "From a run of my own code" in page and f"airoadmap run {EXTRA} --mine" in page
    assert f'src="{EX}/figures/{EXTRA}/curves.png"' in (out / "index.html").read_text()  # card
    assert f"](figures/{EXTRA}/curves.png)" in (out / EX / "README.md").read_text()
    assert [v.problems for v in verify_site(out, ws.runs_dir)] == [()]
    # the run's figure changed after the build: verify in the workspace says so
    (mine / "curves.png").write_bytes(png(60, 20, seed=5))
    (verdict,) = [v for v in verify_site(out, ws.runs_dir) if v.exercise_id == EX]
    assert verdict.problems == (f"{fig['path']} does not match {mine / 'curves.png'}",)
    # a figure swapped in the site: its sha256 in the manifest no longer matches
    (out / fig["path"]).write_bytes(png(60, 20, seed=3))
    (verdict,) = [v for v in verify_site(out) if v.exercise_id == EX]
    assert any(f"{fig['path']} is changed" in p for p in verdict.problems)
    new = hashlib.sha256((out / fig["path"]).read_bytes()).hexdigest()
    assert new != fig["sha256"]


def test_a_reference_run_of_an_extra_project_is_labelled(ws: Workspace) -> None:
    reference = run(EXTRA, ws.runs_dir)
    out, entry = build(ws)
    (extra,) = entry["extra_runs"]
    assert (extra["label"], extra["code"]) == (reference.name, "reference")
    assert extra["code_hash"] is None
    page = (out / EX / "index.html").read_text()
    assert "reference project</strong> <code>m07-cifar10</code>" in page
    readme = (out / EX / "README.md").read_text()
    assert f"not my code (`airoadmap run {EXTRA}`)" in readme
    assert [v.problems for v in verify_site(out, ws.runs_dir)] == [()]


def test_without_runs_no_extra_section(ws: Workspace) -> None:
    out, entry = build(ws)
    assert entry["extra_runs"] == []
    assert "extra-run" not in (out / EX / "index.html").read_text()
