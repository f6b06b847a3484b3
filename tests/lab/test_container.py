"""`airoadmap run m10-container`: skipped in one line where no engine works, and the engine
path (build, run with --network none, healthcheck.py inside) driven against a fake engine."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from airoadmap.lab.container import project
from airoadmap.lab.reference import loading_log

FAKE = """#!/bin/sh
echo "$@" >> "{log}"
case "$1" in
  info) exit {info} ;;
  build) echo built; exit 0 ;;
  run) echo c0ffee ;;
  exec) exit {health} ;;
  *) exit 0 ;;
esac
"""


def fake_engine(folder: Path, *, info: int = 0, health: int = 0) -> Path:
    path = folder / "docker"
    path.write_text(FAKE.format(log=folder / "calls.log", info=info, health=health))
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_no_engine_is_a_skipped_run_that_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with loading_log() as loaded:
        metrics = project.run(tmp_path)
    # The image's files are logged (whose they are: run --mine) even when nothing is built.
    assert [m.module for m in loaded] == list(project.IMAGE_FILES)
    assert metrics == {"skipped": 1, "built": 0, "healthy": 0, "build_s": 0.0}
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["m10-container: skipped: no container engine installed (podman or docker "
                   "not on PATH)."]  # fmt: skip
    assert "Skipped: no container engine installed" in (tmp_path / "report.md").read_text()
    assert json.loads((tmp_path / "container.json").read_text())["skipped"] is True


def test_an_engine_without_a_daemon_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_engine(tmp_path, info=1)
    monkeypatch.setenv("PATH", str(tmp_path))
    engine, why = project.find_engine()
    assert engine is None and why.startswith("docker info failed")


@pytest.mark.parametrize(("health", "healthy"), [(0, True), (1, False)])
def test_the_engine_path_builds_runs_offline_and_asks_health_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, health: int, healthy: bool
) -> None:
    engine = fake_engine(tmp_path, health=health)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setattr(project, "HEALTHY_WAIT_S", 0.0 if not healthy else 60.0)
    assert project.find_engine(("docker",)) == (str(engine), "")
    context = project.build_context(tmp_path / "context", with_model=False)
    assert {p.name for p in context.iterdir()} >= {
        "Dockerfile",
        ".dockerignore",
        "healthcheck.py",
        "app.py",
        "requirements.txt",
        "model",
    }
    attempt = project.build_and_probe(str(engine), context, project.Attempt())
    assert (attempt.skipped, attempt.built, attempt.healthy) == (False, True, healthy)
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert calls[0].startswith("info") and calls[1] == f"build -t {project.IMAGE} {context}"
    assert calls[2] == f"run -d --network none {project.IMAGE}"
    assert calls[-1] == "rm -f c0ffee"
    assert all(
        c == "exec c0ffee python healthcheck.py" for c in calls[3:-1] if c.startswith("exec")
    )
    assert ("did not answer" in project.report(attempt)) != healthy


def test_run_json_of_a_skipped_run_says_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airoadmap.lab import projects

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    run_dir = projects.run("m10-container", tmp_path / "runs")
    assert json.loads((run_dir / projects.RUN_FILE).read_text())["skipped"] is True


@pytest.mark.parametrize(
    ("reason", "line"),
    [
        ("no engine (not on PATH)", "m10-container: skipped: no engine (not on PATH)."),
        ("Is the docker daemon running?", "m10-container: skipped: Is the docker daemon running?"),
    ],
)
def test_the_skip_line_keeps_the_engines_question(reason: str, line: str) -> None:
    assert project.skip_line(reason) == line
