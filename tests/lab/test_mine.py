"""`airoadmap run PROJECT --mine`: the learner's passed code runs, and run.json says so.

A tiny project (below) imports m03-linreg's `linreg` module through `reference_module` and
fits five points: no data set, no training beyond a millisecond.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from airoadmap.curriculum.loader import curriculum, exercise_dir
from airoadmap.errors import AiroadmapError
from airoadmap.grading.workcopy import code_hash
from airoadmap.lab import projects as projects_module
from airoadmap.lab.projects import Project, read_run_record, run
from airoadmap.lab.reference import reference_module
from airoadmap.learner_runs import learner_code_for
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.workspace import Workspace

EXERCISE = "m03-linreg"
PROJECT = "m03-linreg"
MARK = "\nWHOSE = 'the learner'\n"


def tiny_run(run_dir: Path) -> dict[str, object]:
    """The tiny project: fit y = 2x + 1 with the exercise's LinearRegression."""
    mod = reference_module(EXERCISE, "linreg")
    x = np.arange(5.0).reshape(-1, 1)
    model = mod.LinearRegression().fit(x, 2.0 * x[:, 0] + 1.0)
    slope = float(np.ravel(model.coef_)[0]) if hasattr(model, "coef_") else float("nan")
    return {"whose": getattr(mod, "WHOSE", "reference"), "slope": round(slope, 6)}


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    """`projects()` knows only the tiny project, declared by m03-linreg."""
    found = {PROJECT: Project(PROJECT, "Tiny", f"{__name__}:tiny_run", ("slope",), EXERCISE)}
    monkeypatch.setattr(projects_module, "projects", lambda root=None: found)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    """A workspace whose m03-linreg file is the solution with one marker line added."""
    monkeypatch.delenv("AIROADMAP_DATABASE_URL", raising=False)
    cur = curriculum()
    Workspace.init(tmp_path / "ws", cur)
    space = Workspace((tmp_path / "ws").resolve())
    monkeypatch.setenv("AIROADMAP_WORKSPACE", str(space.root))
    learner = mine_file(space)
    learner.write_text(
        (exercise_dir(EXERCISE) / "solution" / "linreg.py").read_text(encoding="utf-8") + MARK,
        encoding="utf-8",
    )
    yield space


def mine_file(ws: Workspace) -> Path:
    cur = curriculum()
    return ws.exercise_path(cur, cur.exercises[EXERCISE]) / "linreg.py"


def record(ws: Workspace, outcome: Outcome, hash_: str | None = None) -> None:
    folder = mine_file(ws).parent
    with ProgressStore.for_workspace(ws.db_path) as store:
        now = code_hash(folder, ["linreg.py"])
        store.record_attempt(EXERCISE, outcome, code_hash=now if hash_ is None else hash_)


def test_a_plain_run_uses_the_reference_solution_and_says_so(tiny: None, tmp_path: Path) -> None:
    run_dir = run(PROJECT, tmp_path / "runs")
    metrics = json.loads((run_dir / "metrics.json").read_text())
    assert metrics == {"whose": "reference", "slope": 2.0}
    rec = read_run_record(run_dir)
    assert rec is not None and rec["code"] == "reference" and rec["learner"] is None
    solution = exercise_dir(EXERCISE) / "solution" / "linreg.py"
    want = hashlib.sha256(solution.read_bytes()).hexdigest()
    assert rec["modules"] == [
        {"exercise": EXERCISE, "module": "linreg", "code": "reference", "sha256": want}
    ]


def test_mine_runs_the_learner_file_that_passed_and_records_its_hash(
    tiny: None, ws: Workspace, tmp_path: Path
) -> None:
    record(ws, Outcome.FAIL, "an older hash")
    record(ws, Outcome.PASS)
    mine = learner_code_for(PROJECT)
    run_dir = run(PROJECT, tmp_path / "runs", mine=mine)
    metrics = json.loads((run_dir / "metrics.json").read_text())
    assert metrics == {"whose": "the learner", "slope": 2.0}
    rec = read_run_record(run_dir)
    assert rec is not None and rec["code"] == "mine"
    data = mine_file(ws).read_bytes()
    assert rec["learner"]["code_hash"] == code_hash(mine_file(ws).parent, ["linreg.py"])
    assert rec["learner"]["files"] == [
        {"name": "linreg.py", "sha256": hashlib.sha256(data).hexdigest()}
    ]
    assert [m["code"] for m in rec["modules"]] == ["mine"]
    assert rec["modules"][0]["sha256"] == hashlib.sha256(data).hexdigest()
    written = (run_dir / "metrics.json").read_bytes()
    assert rec["metrics_sha256"] == hashlib.sha256(written).hexdigest()


@pytest.mark.parametrize(
    ("history", "says"),
    [
        ((), "you have not checked m03-linreg yet"),
        ((Outcome.FAIL,), "latest check of m03-linreg is FAIL, not PASS"),
        ((Outcome.PASS, Outcome.ERROR), "latest check of m03-linreg is ERROR, not PASS"),
    ],
)
def test_mine_without_a_latest_pass_is_one_line_saying_what_to_do(
    tiny: None, ws: Workspace, history: tuple[Outcome, ...], says: str
) -> None:
    for outcome in history:
        record(ws, outcome)
    with pytest.raises(AiroadmapError, match=says) as err:
        learner_code_for(PROJECT)
    assert "airoadmap check m03-linreg" in str(err.value) and "\n" not in str(err.value)


def test_mine_refuses_files_changed_since_they_passed(tiny: None, ws: Workspace) -> None:
    record(ws, Outcome.PASS)
    mine_file(ws).write_text(mine_file(ws).read_text() + "# edited after passing\n")
    with pytest.raises(AiroadmapError, match="changed since they passed: check them again"):
        learner_code_for(PROJECT)


def test_mine_refuses_a_pass_recorded_without_a_code_hash(tiny: None, ws: Workspace) -> None:
    record(ws, Outcome.PASS, "")
    with pytest.raises(AiroadmapError, match="changed since they passed"):
        learner_code_for(PROJECT)


def test_a_file_edited_between_the_check_and_the_import_stops_the_run(
    tiny: None, ws: Workspace, tmp_path: Path
) -> None:
    record(ws, Outcome.PASS)
    mine = learner_code_for(PROJECT)
    mine_file(ws).write_text(mine_file(ws).read_text() + "WHOSE = 'someone else'\n")
    with pytest.raises(AiroadmapError, match="is not the file that passed"):
        run(PROJECT, tmp_path / "runs", mine=mine)
    assert not (tmp_path / "runs" / PROJECT).exists()  # nothing half-written is left


def test_a_project_that_never_imports_the_learner_code_cannot_claim_it(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = {PROJECT: Project(PROJECT, "Tiny", f"{__name__}:no_code_run", (), EXERCISE)}
    monkeypatch.setattr(projects_module, "projects", lambda root=None: found)
    record(ws, Outcome.PASS)
    with pytest.raises(AiroadmapError, match="imported none of your files"):
        run(PROJECT, tmp_path / "runs", mine=learner_code_for(PROJECT))


def no_code_run(run_dir: Path) -> dict[str, object]:
    return {"n": 1}


def test_the_cli_runs_mine_and_prints_one_line_when_it_cannot(tiny: None, ws: Workspace) -> None:
    from airoadmap.cli.app import app

    runner = CliRunner()
    refused = runner.invoke(app, ["run", PROJECT, "--mine"])
    assert refused.exit_code != 0
    assert "you have not checked m03-linreg yet" in " ".join(refused.output.split())
    assert not (ws.runs_dir / PROJECT).exists()

    record(ws, Outcome.PASS)
    done = runner.invoke(app, ["run", PROJECT, "--mine"])
    assert done.exit_code == 0, done.output
    assert "with your code of m03-linreg" in done.output
    (run_dir,) = (ws.runs_dir / PROJECT).iterdir()
    rec = read_run_record(run_dir)
    assert rec is not None and rec["code"] == "mine"


def test_every_project_names_the_exercise_whose_code_mine_runs() -> None:
    cur = curriculum()
    found = projects_module.projects()
    for pid, proj in found.items():
        assert proj.exercise in cur.exercises, pid
        assert cur.exercises[proj.exercise].files, pid
    assert found["m09-optimize"].exercise == "m09-compress"  # an extra project


def loading_run(run_dir: Path) -> dict[str, object]:
    from airoadmap.datasets import load_frame

    return {"rows": len(load_frame("ames")) + len(load_frame("titanic"))}


def test_run_json_names_the_registry_data_sets_the_run_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandas as pd

    import airoadmap.datasets as registry

    found = {PROJECT: Project(PROJECT, "Tiny", f"{__name__}:loading_run", (), EXERCISE)}
    monkeypatch.setattr(projects_module, "projects", lambda root=None: found)
    fake = lambda name, **_: pd.DataFrame({"x": [1.0, 2.0]})  # noqa: E731
    monkeypatch.setattr(registry, "_load", fake)
    run_dir = run(PROJECT, tmp_path / "runs")
    rec = read_run_record(run_dir)
    assert rec is not None and rec["datasets"] == ["ames", "titanic"]
    assert json.loads((run_dir / "metrics.json").read_text()) == {"rows": 4}
    assert registry._load is fake  # put back after the run
