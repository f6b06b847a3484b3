"""The run page says whose code a run ran (run.json's "code", written by `airoadmap run`):
the learner's own passed files (`run --mine`), the exercise's reference solution, or "not
recorded" for a run without run.json; the runs list marks the learner's own runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from airoadmap.web.routes.runs import run_code
from airoadmap.workspace import Workspace

from .conftest import RUN_NAME, RUN_PROJECT

DIGEST = "ab" * 32
MINE: dict[str, Any] = {
    "project": "m07-cifar10",
    "exercise": "m07-cnn",
    "code": "mine",
    "learner": {
        "exercise": "m07-cnn",
        "code_hash": "c0ffee" * 10,
        "attempt_id": 12,
        "passed_at": "2026-03-01T10:15:00Z",
        "files": [{"name": "cnn.py", "sha256": DIGEST}],
    },
    "modules": [{"exercise": "m07-cnn", "module": "cnn", "code": "mine", "sha256": DIGEST}],
}


def _run(ws: Workspace, project: str, name: str, record: Any) -> Path:
    run = ws.runs_dir / project / name
    run.mkdir(parents=True)
    (run / "metrics.json").write_text('{"test_accuracy": 0.91}\n', encoding="utf-8")
    if record is not None:
        (run / "run.json").write_text(json.dumps(record), encoding="utf-8")
    return run


def test_code_line_from_the_record() -> None:
    mine = run_code(MINE)
    assert mine.whose == "mine"
    said = "your code of m07-cnn (attempt #12, passed 2026-03-01, code hash c0ffeec0ffee)"
    assert mine.text == said
    assert mine.modules == (("m07-cnn", "cnn", "mine", DIGEST),)
    reference = run_code({**MINE, "code": "reference", "learner": None})
    assert (reference.whose, reference.text) == ("reference", "the reference solution of m07-cnn")
    for odd in (None, [], {"code": "someone"}, {"modules": []}):
        assert run_code(odd).whose == "unknown"
    broken = run_code({**MINE, "learner": "x", "modules": [{"module": 3}, "y"]})
    assert broken.text == "your code of m07-cnn" and broken.modules == ()


def test_run_page_says_whose_code(client: TestClient, workspace: Workspace) -> None:
    html = client.get(f"/runs/{RUN_PROJECT}/{RUN_NAME}").text
    assert "not recorded (the run has no readable run.json)" in html
    _run(workspace, "m07-cifar10", "20260301-101500", MINE)
    html = client.get("/runs/m07-cifar10/20260301-101500").text
    assert "your code of m07-cnn (attempt #12, passed 2026-03-01" in html
    assert "run-code-mine" in html and f'title="{DIGEST}"' in html
    _run(workspace, "m07-cifar10", "20260302-101500", {**MINE, "code": "reference"})
    html = client.get("/runs/m07-cifar10/20260302-101500").text
    assert "the reference solution of m07-cnn" in html and "run-code-reference" in html
    listing = client.get("/runs").text
    assert listing.count("run-mine") == 1  # only the run of the learner's code is marked


def test_run_json_is_the_runs_own_text(client: TestClient, workspace: Workspace) -> None:
    evil = {**MINE, "exercise": "<script>alert(1)</script>"}
    _run(workspace, "m07-cifar10", "20260303-101500", evil)
    html = client.get("/runs/m07-cifar10/20260303-101500").text
    assert "<script>alert(1)</script>" not in html
    assert "your code of &lt;script&gt;" in html
