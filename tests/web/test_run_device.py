"""The run page says which device a run trained on (metrics.json "device", as the m07-cnn
projects write it), and says nothing where a run does not record one."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from airoadmap.web.routes.runs import run_device
from airoadmap.workspace import Workspace

from .conftest import RUN_NAME, RUN_PROJECT


def test_device_line_from_the_metrics() -> None:
    cpu = {"device": "cpu", "device_name": "AMD EPYC", "threads": 2, "precision": "bf16"}
    assert run_device(cpu) == "cpu (AMD EPYC, 2 threads, bf16)"
    gpu = {"device": "cuda", "device_name": "NVIDIA H100", "threads": 16, "precision": "bf16"}
    assert run_device(gpu) == "cuda (NVIDIA H100, bf16)"  # CPU threads matter on a CPU only
    assert run_device({"device": "cpu", "threads": 1}) == "cpu (1 thread)"
    assert run_device({"device": "cpu"}) == "cpu"
    assert run_device({"r2": 0.9}) is None and run_device([1, 2]) is None
    assert run_device({"device": 3}) is None


def test_run_page_shows_the_device(client: TestClient, workspace: Workspace) -> None:
    html = client.get(f"/runs/{RUN_PROJECT}/{RUN_NAME}").text
    assert "trained on" not in html  # the linreg run records no device
    run = workspace.runs_dir / "m07-cnn" / "20260301-101500"
    run.mkdir(parents=True)
    metrics = {
        "test_accuracy": 0.9151,
        "device": "cpu",
        "device_name": "<b>AMD</b> EPYC",
        "threads": 2,
        "precision": "bf16",
    }
    (run / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    html = client.get("/runs/m07-cnn/20260301-101500").text
    shown = 'trained on <strong class="run-device">cpu (&lt;b&gt;AMD&lt;/b&gt; EPYC, 2 threads'
    assert shown in html  # the name escaped: metrics.json is the run's own text
