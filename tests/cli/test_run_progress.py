"""`airoadmap run` shows each stage of the project and ends with its headline numbers
(issue 8, item 11: it was silent for 34 s, then printed paths)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from airoadmap.cli.app import app
from airoadmap.cli.runview import number
from airoadmap.errors import AiroadmapError
from airoadmap.lab import projects as lab_projects
from airoadmap.lab.projects import Project, headline
from airoadmap.lab.stages import listening, stage

FAKE = "m09-fake"


def fake_project(run_dir: Path) -> dict[str, Any]:
    """A reference project that announces two stages and returns its metrics."""
    stage("reading the data")
    (run_dir / "report.md").write_text("# Fake\n", encoding="utf-8")
    stage("fitting two models")
    return {"best_model": "tree", "holdout": {"accuracy": 0.82061, "f1": 0.75}, "rows": 1309}


def failing_project(run_dir: Path) -> dict[str, Any]:
    stage("reading the data")
    stage("fitting two models")
    raise AiroadmapError("The data set titanic is not in the cache: airoadmap data fetch.")


def use_projects(monkeypatch: pytest.MonkeyPatch, **entries: tuple[str, tuple[str, ...]]) -> None:
    fake = {
        pid.replace("_", "-"): Project(pid.replace("_", "-"), "A fake project", entry, head)
        for pid, (entry, head) in entries.items()
    }
    monkeypatch.setattr(lab_projects, "projects", lambda root=None: fake)


def test_run_shows_each_stage_and_ends_with_the_headline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = f"{__name__}:fake_project"
    use_projects(monkeypatch, m09_fake=(entry, ("holdout.accuracy", "best_model", "gone")))
    result = CliRunner().invoke(app, ["run", FAKE, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    done = [line.split(" (")[0].strip() for line in lines if line.lstrip().startswith("✓")]
    assert done == [
        "✓ loading the project's code and libraries",
        "✓ reading the data",
        "✓ fitting two models",
        "✓ writing metrics.json",
    ]
    assert lines[0].startswith(f"Running {FAKE}")
    # the last line: the declared metrics it returned, in order (a missing one left out)
    assert lines[-1].startswith(f"{FAKE} in ")
    assert lines[-1].endswith(": holdout accuracy 0.821 · best model tree"), lines[-1]
    assert any("report.md" in line for line in lines)


def test_a_failing_stage_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_projects(monkeypatch, m09_fake=(f"{__name__}:failing_project", ()))
    result = CliRunner().invoke(app, ["run", FAKE, "--out", str(tmp_path)])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert lines[-2].startswith("  ✗ fitting two models"), result.output
    assert "not in the cache" in lines[-1] and "Traceback" not in result.output


def test_without_a_declared_headline_the_first_numbers_are_shown() -> None:
    project = Project(FAKE, "A fake project", f"{__name__}:fake_project")
    metrics = {"model": "tree", "ok": True, "r2": 0.9, "rows": 10, "more": {"x": 1.0}}
    assert headline(project, metrics) == [("r2", 0.9), ("rows", 10)]
    assert headline(project, None) == []
    declared = Project(FAKE, "A fake project", "x:y", ("more.x", "more.y", "ok", "model"))
    assert headline(declared, metrics) == [("more.x", 1.0), ("model", "tree")]


def test_headline_numbers_read_well() -> None:
    assert [number(v) for v in (0.82061, 2925, 3.1e-08, 0.0, 12345.6, "tree")] == [
        "0.821",
        "2,925",
        "3.1e-08",
        "0.000",
        "12,346",
        "tree",
    ]


def test_stages_go_to_the_listener_of_the_block_only() -> None:
    heard: list[str] = []
    stage("before: nobody listens")
    with listening(heard.append):
        stage("one")
        with listening(None):
            stage("muted")
        stage("two")
    stage("after")
    assert heard == ["one", "two"]


@pytest.mark.slow
def test_the_titanic_project_announces_its_stages_and_returns_its_headline(
    tmp_path: Path,
) -> None:
    from airoadmap.datasets import load_frame
    from airoadmap.lab.titanic import project

    heard: list[str] = []
    frame = load_frame("titanic").sample(360, random_state=0)
    with listening(heard.append):
        metrics = project.run(tmp_path, frame=frame, folds=3, holdout_size=120)
    assert [s for s in heard if s.startswith("cross-validating")] == [
        f"cross-validating {name} ({i} of 4, 3 folds)"
        for i, name in enumerate(
            ["logistic regression", "decision tree", "random forest", "gradient boosting"], 1
        )
    ]
    assert heard[-1] == "writing the report"
    declared = lab_projects.projects()["m04-titanic"]
    assert [name for name, _ in headline(declared, metrics)] == list(declared.headline)
