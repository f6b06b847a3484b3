"""Artifact routes serve files inside the workspace's runs folder and nothing else: `..`,
absolute paths, encoded and double-encoded variants, NUL bytes and symlinks pointing outside
are refused (404 or 400), through the TestClient and as raw bytes on a real socket."""

from __future__ import annotations

import http.client
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from airoadmap.web.artifacts import all_runs, find_run, flat_metrics, safe_file
from airoadmap.workspace import Workspace

from .conftest import RUN_NAME, RUN_PROJECT, SECRET, LiveServer

RUN = f"{RUN_PROJECT}/{RUN_NAME}"

ESCAPES = [
    "../secret.txt",
    "../../secret.txt",
    f"{RUN}/../../../secret.txt",
    "%2e%2e/secret.txt",
    "%2E%2E/secret.txt",
    "..%2fsecret.txt",
    "..%2Fsecret.txt",
    "%2e%2e%2fsecret.txt",
    "%252e%252e/secret.txt",
    "%252e%252e%252fsecret.txt",
    "..%252fsecret.txt",
    "%2e%2e%5csecret.txt",
    "..\\secret.txt",
    f"{RUN}/..%2f..%2f..%2fsecret.txt",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "%2Fetc/passwd",
    "//etc/passwd",
    "./../secret.txt",
    "secret.txt%00.png",
    f"{RUN}/loss.png%00",
]


@pytest.fixture()
def escapes(workspace: Workspace) -> Workspace:
    """Symlinks inside the runs folder that point outside it (a file and a folder)."""
    run = workspace.runs_dir / RUN_PROJECT / RUN_NAME
    os.symlink(workspace.root / "secret.txt", run / "leak.txt")
    os.symlink(workspace.root, run / "up")
    os.symlink(workspace.root, workspace.runs_dir / "outside")
    os.symlink(run / "loss.png", run / "alias.png")  # inside: allowed
    return workspace


SYMLINKS = [f"{RUN}/leak.txt", f"{RUN}/up/secret.txt", "outside/secret.txt", "outside"]


def test_safe_file_refuses_every_escape(escapes: Workspace) -> None:
    root = escapes.runs_dir
    for rel in [*ESCAPES, *SYMLINKS, "", ".", RUN, f"{RUN}/", f"{RUN}//loss.png", "nothing.png"]:
        assert safe_file(root, rel) is None, rel
    assert safe_file(root, f"{RUN}/loss.png") == (root / RUN / "loss.png").resolve()
    assert safe_file(root, f"{RUN}/alias.png") == (root / RUN / "loss.png").resolve()
    assert safe_file(root, f"{RUN}/figures/extra.png") is not None


def test_artifact_route_never_serves_outside_the_runs_folder(
    escapes: Workspace, client: TestClient
) -> None:
    for rel in [*ESCAPES, *SYMLINKS]:
        response = client.get(f"/artifacts/{rel}")
        assert response.status_code in (400, 404), rel
        assert SECRET not in response.text and "root:" not in response.text, rel
    assert client.get(f"/artifacts/{RUN}/alias.png").status_code == 200


def test_run_pages_never_leave_the_runs_folder(escapes: Workspace, client: TestClient) -> None:
    pairs = [
        ("%2e%2e", RUN_NAME),
        (RUN_PROJECT, "%2e%2e"),
        ("%2e%2e", "%2e%2e"),
        ("outside", "m03-math-for-ml"),
        (".airoadmap", "backups"),
    ]
    for project, name in pairs:
        response = client.get(f"/runs/{project}/{name}")
        assert response.status_code == 404, (project, name)
    assert find_run(escapes.runs_dir, "outside", ".airoadmap") is None
    assert "outside" not in all_runs(escapes.runs_dir)
    page = client.get(f"/runs/{RUN}").text
    assert "leak.txt" not in page and "up/secret.txt" not in page
    assert "alias.png" in page


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    """GET `target` exactly as written: no client normalises the dots or the encoding."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", f"127.0.0.1:{port}")
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_raw_requests_on_a_real_socket(escapes: Workspace, live: LiveServer) -> None:
    status, body = raw_get(live.port, f"/artifacts/{RUN}/loss.png")
    assert status == 200 and body.startswith(b"\x89PNG")
    for rel in [*ESCAPES, *SYMLINKS]:
        status, body = raw_get(live.port, f"/artifacts/{rel}")
        assert status in (400, 404), rel
        assert SECRET.encode() not in body and b"root:" not in body, rel
    targets = [
        "/artifacts/../secret.txt",
        "/artifacts/../../etc/passwd",
        "/../secret.txt",
        f"/runs/{RUN_PROJECT}/..",
        "/runs/../..",
        "/runs/outside/m03-math-for-ml",
        "/static/../../secret.txt",
        "/static/%2e%2e/%2e%2e/secret.txt",
    ]
    for target in targets:
        status, body = raw_get(live.port, target)
        assert status in (400, 404), target
        assert SECRET.encode() not in body, target


def test_flat_metrics_headlines() -> None:
    data = {"acc": 0.8, "name": "rf", "data": {"rows": 3}, "summary": {"r2": 0.9}, "models": [1]}
    assert flat_metrics(data) == [("acc", 0.8), ("name", "rf"), ("summary.r2", 0.9)]
    assert flat_metrics(0.5) == [("value", 0.5)]
    assert flat_metrics([1, 2]) == []


def test_runs_folder_missing_is_fine(tmp_path: Path) -> None:
    assert all_runs(tmp_path / "nothing") == {}
    assert safe_file(tmp_path / "nothing", "a.png") is None
