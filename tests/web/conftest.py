"""Fixtures of the dashboard tests: a fresh workspace with a schedule and a run, the app, a
TestClient, and a live uvicorn server on a free port (for raw HTTP and the browser)."""

from __future__ import annotations

import socket
import struct
import threading
import time
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the dashboard needs the web extra (fastapi)")
pytest.importorskip("uvicorn", reason="the dashboard needs the web extra (uvicorn)")

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 and warns when it finds httpx
    warnings.filterwarnings("ignore", message="Using `httpx` with", category=UserWarning)
    from fastapi.testclient import TestClient

from airoadmap.curriculum.loader import curriculum
from airoadmap.progress.store import ProgressStore
from airoadmap.quiz.answers import format_number
from airoadmap.quiz.models import LETTERS, Card, ChoiceCard, NumberCard
from airoadmap.web import create_app
from airoadmap.workspace import Workspace

SECRET = "top secret: outside the runs folder"
RUN_PROJECT = "m03-linreg"
RUN_NAME = "20260101-120000"
DAYS_IN = 70  # the schedule started 70 days ago: month 3 of 12 at 10 h/week


def right_answer(card: Card) -> str:
    """What a learner types (or picks) to answer `card` right."""
    if isinstance(card, ChoiceCard):
        return LETTERS[card.answer_index]
    if isinstance(card, NumberCard):
        return format_number(card.answer)
    return card.answer


def png(width: int = 40, height: int = 20, rgb: tuple[int, int, int] = (9, 105, 218)) -> bytes:
    """A small valid PNG, one colour, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def make_run(ws: Workspace) -> Path:
    """A run folder like `airoadmap run` writes: figures, a markdown and an HTML report,
    metrics.json, a CSV; and a secret file next to the runs folder."""
    run = ws.runs_dir / RUN_PROJECT / RUN_NAME
    (run / "figures").mkdir(parents=True)
    (run / "loss.png").write_bytes(png())
    (run / "figures" / "extra.png").write_bytes(png(30, 30, (26, 127, 55)))
    (run / "report.md").write_text(
        "# Linear regression report\n\nThe loss falls.\n\n![Loss](loss.png)\n\n"
        "| model | r2 |\n|---|---|\n| ours | 0.91 |\n\n<script>alert('x')</script>\n",
        encoding="utf-8",
    )
    (run / "report.html").write_text(
        "<!doctype html><title>r</title><h1 id='inside'>HTML report inside</h1>", encoding="utf-8"
    )
    (run / "metrics.json").write_text(
        '{"r2_test": 0.9107, "data": {"rows": 2925}, "summary": {"gd_iters": 2156}}\n',
        encoding="utf-8",
    )
    (run / "coefficients.csv").write_text("feature,coef\narea,0.31\n", encoding="utf-8")
    (ws.root / "secret.txt").write_text(SECRET, encoding="utf-8")
    return run


def make_workspace(root: Path) -> Workspace:
    """A fresh workspace: starters, a schedule started DAYS_IN days ago, one run."""
    report = Workspace.init(root, curriculum())
    ws = Workspace(report.root)
    with ProgressStore.for_workspace(ws.db_path) as store:
        store.set_schedule(date.today() - timedelta(days=DAYS_IN), 10)
    make_run(ws)
    return ws


@pytest.fixture()
def workspace(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "ws")


@pytest.fixture()
def store(workspace: Workspace) -> Iterator[ProgressStore]:
    """The workspace's store, opened the way the CLI opens it (a second connection)."""
    with ProgressStore.for_workspace(workspace.db_path) as s:
        yield s


@pytest.fixture()
def client(workspace: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(workspace)) as c:
        yield c


@dataclass
class LiveServer:
    url: str
    port: int
    workspace: Workspace
    server: Any
    app: Any = None

    def stop(self, thread: threading.Thread) -> None:
        """Stop as Ctrl-C stops `airoadmap dashboard`: event streams end, then the server."""
        if self.app is not None:
            self.app.state.dashboard.stopping.set()
        self.server.should_exit = True
        thread.join(10)


def serve(ws: Workspace) -> tuple[LiveServer, threading.Thread]:
    """The app under uvicorn in a thread, on a free port of 127.0.0.1."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    app = create_app(ws)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard server did not start")
        time.sleep(0.02)
    return LiveServer(f"http://127.0.0.1:{port}", port, ws, server, app), thread


@pytest.fixture()
def live(workspace: Workspace) -> Iterator[LiveServer]:
    srv, thread = serve(workspace)
    yield srv
    srv.stop(thread)
