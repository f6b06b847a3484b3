"""The portfolio shows the learner's own runs (`run --mine`) and states only verified facts.

A workspace where m03-linreg passed (recorded with the code hash of the learner's file), with
runs of a tiny project under runs/m03-linreg/ made by the real `lab.projects.run`: no data set,
no training beyond a millisecond.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import airoadmap.datasets as registry
from airoadmap.curriculum.loader import curriculum, exercise_dir
from airoadmap.grading.workcopy import code_hash
from airoadmap.lab import projects as projects_module
from airoadmap.lab.projects import Project, run
from airoadmap.lab.reference import reference_module
from airoadmap.learner_runs import learner_code_for
from airoadmap.portfolio import build_portfolio, verify_site
from airoadmap.portfolio.text import fmt
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.workspace import Workspace
from tests.portfolio.conftest import png

EX = "m03-linreg"
BUILT_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CHECK = {"name": "summary", "outcome": "PASS", "metrics": {"summary.r2_test": 0.93125}}


def tiny_run(run_dir: Path) -> dict[str, object]:
    """Fit y = 3x - 1 with the exercise's LinearRegression; one figure."""
    from airoadmap.datasets import load

    mod = reference_module(EX, "linreg")
    assert len(load("ames")) == 1  # the registry is faked by the `ws` fixture
    x = np.arange(6.0).reshape(-1, 1)
    model = mod.LinearRegression().fit(x, 3.0 * x[:, 0] - 1.0)
    (run_dir / "fit.png").write_bytes(png(40, 20, seed=7 if hasattr(mod, "MINE") else 1))
    return {"fit": {"slope": round(float(np.ravel(model.coef_)[0]), 6)}}


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    found = {EX: Project(EX, "Tiny", f"{__name__}:tiny_run", ("fit.slope",), EX)}
    monkeypatch.setattr(projects_module, "projects", lambda root=None: found)
    monkeypatch.setattr(registry, "_load", lambda name, **_: pd.DataFrame({"x": [1.0]}))
    monkeypatch.delenv("AIROADMAP_DATABASE_URL", raising=False)
    Workspace.init(tmp_path / "ws", curriculum())
    space = Workspace((tmp_path / "ws").resolve())
    monkeypatch.setenv("AIROADMAP_WORKSPACE", str(space.root))
    source = (exercise_dir(EX) / "solution" / "linreg.py").read_text(encoding="utf-8")
    learner_file(space).write_text(source + "\nMINE = True\n", encoding="utf-8")
    with ProgressStore.for_workspace(space.db_path) as store:
        store.record_attempt(
            EX,
            Outcome.PASS,
            checks=[CHECK],
            code_hash=code_hash(learner_file(space).parent, ["linreg.py"]),
        )
    return space


def learner_file(ws: Workspace) -> Path:
    cur = curriculum()
    return ws.exercise_path(cur, cur.exercises[EX]) / "linreg.py"


def build(ws: Workspace) -> tuple[Path, dict]:
    out = ws.root.parent / "site"
    build_portfolio(ws, out, now=BUILT_AT)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in manifest["exercises"] if e["id"] == EX]
    return out, entry


def test_the_learner_run_is_shown_over_newer_reference_runs(ws: Workspace) -> None:
    mine = run(EX, ws.runs_dir, mine=learner_code_for(EX))
    reference = run(EX, ws.runs_dir)  # newer, but the reference solution's
    assert mine.name < reference.name
    out, entry = build(ws)
    assert entry["figures_run"] == mine.name and entry["figures_code"] == "mine"
    assert entry["run"]["code_hash"] == code_hash(learner_file(ws).parent, ["linreg.py"])
    site_fig = (out / entry["figures"][0]["path"]).read_bytes()
    assert site_fig == (mine / "fit.png").read_bytes() != (reference / "fit.png").read_bytes()
    page = (out / EX / "index.html").read_text()
    assert "From a run of my own code" in page and "--mine" in page
    assert "my own run of the project" in (out / "README.md").read_text()
    (claim,) = entry["claims"]
    assert claim["source"] == "run" and claim["metric"] == "fit.slope" and claim["value"] == 3.0
    assert claim["dataset"] == "ames"  # the data set the run loaded (its run.json)
    assert claim["date"] == f"{mine.name[:4]}-{mine.name[4:6]}-{mine.name[6:8]}"  # the run's
    title = "Linear regression from scratch with NumPy"  # the month's project
    said = f"{title}: slope 3 on ames, from my own code (my run of {claim['date']})."
    assert claim["text"] == said
    project_readme = (out / EX / "README.md").read_text()
    assert "my own code" in project_readme and "airoadmap run m03-linreg --mine" in project_readme
    assert [v.problems for v in verify_site(out)] == [()]


def test_without_a_learner_run_the_reference_run_is_labelled_and_gives_no_bullet(
    ws: Workspace,
) -> None:
    run(EX, ws.runs_dir)
    out, entry = build(ws)
    assert entry["figures_code"] == "reference" and "files" not in entry["run"]
    assert not (out / EX / "run").exists()
    page = (out / EX / "index.html").read_text()
    assert "reference solution, not the learner" in page
    readme = (out / "README.md").read_text()
    assert "the exercise's reference solution, not my code" in readme
    (claim,) = entry["claims"]  # from the checks the code passed, not from the reference run
    assert claim["source"] == "attempt" and claim["value"] == 0.93125
    assert f": r2 test {fmt(0.93125)}, measured by the automatic checks" in claim["text"]
    assert [v.problems for v in verify_site(out)] == [()]


def test_a_learner_run_of_code_that_never_passed_is_not_shown(ws: Workspace) -> None:
    mine = run(EX, ws.runs_dir, mine=learner_code_for(EX))
    record = json.loads((mine / "run.json").read_text())
    record["learner"]["code_hash"] = "0" * 64  # code that no passing attempt graded
    (mine / "run.json").write_text(json.dumps(record))
    reference = run(EX, ws.runs_dir)
    _, entry = build(ws)
    assert entry["figures_run"] == reference.name and entry["figures_code"] == "reference"


def _built_with_mine(ws: Workspace) -> Path:
    run(EX, ws.runs_dir, mine=learner_code_for(EX))
    out, _ = build(ws)
    assert [v.problems for v in verify_site(out)] == [()]
    return out


@pytest.mark.parametrize("readme", ["README.md", f"{EX}/README.md"])
def test_verify_fails_on_a_number_edited_in_a_readme(ws: Workspace, readme: str) -> None:
    out = _built_with_mine(ws)
    path = out / readme
    path.write_text(path.read_text().replace("slope 3 on", "slope 4 on"))
    (verdict,) = verify_site(out)
    assert not verdict.files_intact
    assert any(f"{readme} does not state the claim" in p for p in verdict.problems)


def test_verify_fails_on_a_claim_edited_in_the_manifest(ws: Workspace) -> None:
    out = _built_with_mine(ws)
    for name in ("README.md", f"{EX}/README.md", "manifest.json"):
        path = out / name
        path.write_text(path.read_text().replace("slope 3 on", "slope 4 on"))
    data = json.loads((out / "manifest.json").read_text())
    data["exercises"][0]["claims"][0]["value"] = 4.0
    (out / "manifest.json").write_text(json.dumps(data))
    (verdict,) = verify_site(out)
    assert any("claim fit.slope = 4.0 but m03-linreg/run/metrics.json says 3.0" in p
               for p in verdict.problems)  # fmt: skip


def test_verify_fails_on_a_run_metrics_file_edited_in_the_site(ws: Workspace) -> None:
    out = _built_with_mine(ws)
    path = out / EX / "run" / "metrics.json"
    path.write_text(path.read_text().replace("3.0", "4.0"))
    (verdict,) = verify_site(out)
    assert any("run/metrics.json is changed" in p for p in verdict.problems)
    assert any("is not what the run wrote" in p for p in verdict.problems)


def test_verify_fails_on_a_claim_whose_text_states_another_number(ws: Workspace) -> None:
    out = _built_with_mine(ws)
    data = json.loads((out / "manifest.json").read_text())
    data["exercises"][0]["claims"][0]["text"] = "Tiny: slope 30 on ames."
    (out / "manifest.json").write_text(json.dumps(data))
    (verdict,) = verify_site(out)
    assert any("does not state fit.slope = 3.0" in p for p in verdict.problems)


def test_the_cli_verify_exits_1_on_an_edited_number(ws: Workspace) -> None:
    from airoadmap.cli.app import app

    out = _built_with_mine(ws)
    runner = CliRunner()
    assert runner.invoke(app, ["portfolio", "verify", str(out)]).exit_code == 0
    path = out / EX / "README.md"
    path.write_text(path.read_text().replace("slope 3 on", "slope 4 on"))
    result = runner.invoke(app, ["portfolio", "verify", str(out)])
    assert result.exit_code == 1
    assert "does not state the claim" in " ".join(result.output.split())
    shutil.rmtree(out)


def test_verify_in_the_workspace_compares_each_figure_with_its_run(ws: Workspace) -> None:
    out = _built_with_mine(ws)
    (run_dir,) = [p for p in (ws.runs_dir / EX).iterdir()]
    assert [v.problems for v in verify_site(out, ws.runs_dir)] == [()]
    # a figure swapped in the site, with the manifest rewritten to match it
    site_fig = out / EX / "figures" / "fit.png"
    site_fig.write_bytes(png(40, 20, seed=3))
    data = json.loads((out / "manifest.json").read_text())
    new = hashlib.sha256(site_fig.read_bytes()).hexdigest()
    data["exercises"][0]["figures"][0]["sha256"] = new
    (out / "manifest.json").write_text(json.dumps(data))
    assert [v.problems for v in verify_site(out)] == [()]  # the site alone cannot tell
    (verdict,) = verify_site(out, ws.runs_dir)
    assert verdict.problems == (f"{EX}/figures/fit.png does not match {run_dir / 'fit.png'}",)


def test_the_cli_verify_in_the_workspace_fails_on_a_figure_unlike_its_run(
    ws: Workspace,
) -> None:
    from airoadmap.cli.app import app

    out = _built_with_mine(ws)
    (run_dir,) = [p for p in (ws.runs_dir / EX).iterdir()]
    assert CliRunner().invoke(app, ["portfolio", "verify", str(out)]).exit_code == 0
    (run_dir / "fit.png").write_bytes(png(40, 20, seed=5))  # the run's figure is not the site's
    result = CliRunner().invoke(app, ["portfolio", "verify", str(out)])
    assert result.exit_code == 1 and "does not match" in result.output
