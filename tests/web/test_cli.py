"""`airoadmap dashboard`: the URL printed, --open, one clear line for a port in use or a
missing workspace, and a real start and stop in a child process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from airoadmap.cli import dashboard as cli
from airoadmap.errors import AiroadmapError
from airoadmap.workspace import Workspace


def app() -> typer.Typer:
    root = typer.Typer()
    cli.register(root)

    @root.callback()
    def main() -> None:
        """airoadmap (test app)."""

    return root


class FakeServer:
    """Stands in for uvicorn.Server: records what it was asked to serve."""

    runs: list[dict[str, Any]] = []  # noqa: RUF012

    def __init__(self, config: Any) -> None:
        self.config = config

    def run(self, sockets: list[socket.socket]) -> None:
        FakeServer.runs.append({"app": self.config.app, "port": sockets[0].getsockname()[1]})


@pytest.fixture()
def fake_server(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    FakeServer.runs = []
    monkeypatch.setattr(uvicorn, "Server", FakeServer)
    return FakeServer.runs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_prints_the_url_and_serves_the_workspace(
    workspace: Workspace, fake_server: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_WORKSPACE", str(workspace.root))
    port = free_port()
    result = CliRunner().invoke(app(), ["dashboard", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}/" in result.output
    assert str(workspace.root) in result.output
    assert fake_server[0]["port"] == port
    assert fake_server[0]["app"].state.dashboard.workspace == workspace


def test_open_opens_the_browser(
    workspace: Workspace, fake_server: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    monkeypatch.setenv("AIROADMAP_WORKSPACE", str(workspace.root))
    result = CliRunner().invoke(app(), ["dashboard", "--port", "0", "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [f"http://127.0.0.1:{fake_server[0]['port']}/"]


def test_port_in_use_is_one_clear_line(
    workspace: Workspace, fake_server: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_WORKSPACE", str(workspace.root))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app(), ["dashboard", "--port", str(port)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert f"Port {port} on 127.0.0.1 is in use" in lines[0] and "--port" in lines[0]
    assert fake_server == []


def test_no_workspace_is_one_clear_line(
    tmp_path: Path, fake_server: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app(), ["dashboard"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "airoadmap init" in lines[0], result.output
    assert fake_server == []


def test_bad_host_is_one_clear_line() -> None:
    with pytest.raises(AiroadmapError, match=r"Cannot listen on 'no-such-host\.invalid'"):
        cli.bind("no-such-host.invalid", 0)


def test_url_for() -> None:
    assert cli.url_for("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert cli.url_for("0.0.0.0", 80) == "http://127.0.0.1:80/"
    assert cli.url_for("::", 8765) == "http://[::1]:8765/"
    assert cli.url_for("localhost", 1) == "http://localhost:1/"


def test_network_host_accepts_any_host_header(
    workspace: Workspace, fake_server: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.setenv("AIROADMAP_WORKSPACE", str(workspace.root))
    result = CliRunner().invoke(app(), ["dashboard", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert "other machines" in result.output
    with TestClient(fake_server[0]["app"], base_url="http://192.168.1.20:8765") as c:
        assert c.get("/").status_code == 200


SCRIPT = """
import typer
from airoadmap.cli.dashboard import register
app = typer.Typer()
register(app)
@app.callback()
def main() -> None: ...
app()
"""


def test_real_server_starts_answers_and_stops(workspace: Workspace) -> None:
    env = {**os.environ, "AIROADMAP_WORKSPACE": str(workspace.root), "COLUMNS": "300"}
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "dashboard", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, line + proc.stdout.read()
        url = line.split("at ", 1)[1].split()[0]
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert response.status == 200 and "Month 3 of 12" in body
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
        assert proc.returncode == 0, out
        assert "Dashboard stopped." in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
