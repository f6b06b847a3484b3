"""The learner's loop beyond one command: watch, the notebook helper, doctor, data, crashes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.cli.app import app
from tests.conftest import exercise_file

runner = CliRunner()
AIROADMAP = [sys.executable, "-m", "airoadmap.cli"]


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root)]).exit_code == 0
    monkeypatch.chdir(root)
    return root


def test_notebook_check_grades_and_records(
    ws: Path, solution_text: Callable[[str, str], str]
) -> None:
    from airoadmap import check
    from airoadmap.results import Outcome

    assert check("m03-linreg", quiet=True).outcome == Outcome.NOT_ATTEMPTED
    exercise_file(ws, "m03-linreg", "linreg.py").write_text(
        solution_text("m03-linreg", "linreg.py")
    )
    assert check("m03-linreg", quiet=True).outcome == Outcome.PASS
    exported = json.loads(runner.invoke(app, ["progress", "export"]).output)
    assert [a["outcome"] for a in exported["attempts"]] == ["NOT_ATTEMPTED", "PASS"]


def test_watch_rechecks_on_save(ws: Path, solution_text: Callable[[str, str], str]) -> None:
    target = exercise_file(ws, "m03-linreg", "linreg.py")
    env = {**os.environ, "AIROADMAP_WORKSPACE": str(ws), "COLUMNS": "200"}
    proc = subprocess.Popen(
        [*AIROADMAP, "watch", "m03-linreg", "--limit", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("Watching"), first
    time.sleep(0.3)
    target.write_text(solution_text("m03-linreg", "linreg.py"))
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out
    assert "m03-linreg: ✔ PASS" in out


@pytest.mark.slow
def test_sigkill_during_a_check_loses_no_recorded_attempt(
    ws: Path, solution_text: Callable[[str, str], str]
) -> None:
    exercise_file(ws, "m03-linreg", "linreg.py").write_text(
        solution_text("m03-linreg", "linreg.py")
    )
    env = {**os.environ, "AIROADMAP_WORKSPACE": str(ws)}
    for _ in range(2):
        subprocess.run(
            [*AIROADMAP, "check", "m03-linreg"], env=env, check=True, stdout=subprocess.DEVNULL
        )
    for delay in (0.2, 0.6, 1.0):  # kill at different moments of a check
        proc = subprocess.Popen(
            [*AIROADMAP, "check", "m03-linreg"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    db = sqlite3.connect(ws / ".airoadmap" / "progress.db")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        outcomes = [r[0] for r in db.execute("SELECT outcome FROM attempts ORDER BY id")]
    finally:
        db.close()
    assert outcomes[:2] == ["PASS", "PASS"]
    assert set(outcomes) == {"PASS"}  # a killed check records all of its attempt or nothing


def test_doctor_reports_python_packages_and_sandbox(ws: Path) -> None:
    result = runner.invoke(app, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    found = {(f["area"], f["name"]): f for f in json.loads(result.output)}
    assert found[("python", "python")]["ok"] is True
    assert found[("packages", "numpy")]["ok"] is True
    assert ("sandbox", "network") in found
    assert found[("workspace", "workspace")]["detail"] == str(ws.resolve())


def test_data_list_and_verify(ws: Path) -> None:
    result = runner.invoke(app, ["data", "list", "--json"])
    assert result.exit_code == 0
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert {
        "titanic",
        "ames",
        "sms-spam",
        "tweet-sentiment",
        "mnist-5k",
        "fashion-mnist",
        "cifar-10",
        "cdnow",
    } <= set(rows)
    verified = runner.invoke(app, ["data", "verify", "titanic"])
    assert verified.exit_code == 0 and "titanic" in verified.output
    unknown = runner.invoke(app, ["data", "fetch", "nope"])
    assert unknown.exit_code == 1 and "`airoadmap data list`" in unknown.output


def test_an_uncaught_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "AIROADMAP_DATABASE_URL": "nosuchdb://x"}
    env.pop("AIROADMAP_DEBUG", None)
    root = tmp_path / "w"
    proc = subprocess.run([*AIROADMAP, "init", str(root)], env=env, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
