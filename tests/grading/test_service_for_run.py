"""The check kit's app held for a grading run: `app_for_run` starts the learner's app once per
Context and hands every check the same one; the next run, `stop_app_for_run`, or the
Context's end stops it; a failed start fails each check alike."""

from __future__ import annotations

import gc
import os
import signal
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from airoadmap.grading.api import CheckFailed, Context
from airoadmap.grading.kit.service import app_for_run, start_app, stop_app_for_run

WSGI_APP = """
import os


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(os.getpid()).encode()]
"""


def workdir(tmp_path: Path, code: str = WSGI_APP) -> Path:
    folder = tmp_path / "work"
    folder.mkdir(exist_ok=True)
    (folder / "webapp.py").write_text(textwrap.dedent(code), encoding="utf-8")
    return folder


def pid_of(base: str) -> int:
    with urllib.request.urlopen(base + "/", timeout=10) as reply:
        return int(reply.read())


def ended(process_wait: float, app_process: object) -> bool:
    deadline = time.monotonic() + process_wait
    while time.monotonic() < deadline:
        if app_process.poll() is not None:  # type: ignore[attr-defined]
            return True
        time.sleep(0.05)
    return False


def test_one_app_per_run_stopped_by_the_next_run(tmp_path: Path) -> None:
    ctx = Context(workdir=workdir(tmp_path))
    first = app_for_run(ctx, "webapp:app")
    assert app_for_run(ctx, "webapp:app") is first  # the same process for every check
    assert pid_of(first.base) == first.process.pid
    other = Context(workdir=ctx.workdir)
    second = app_for_run(other, "webapp:app")
    assert second.process.pid != first.process.pid
    assert ended(5, first.process)  # the previous run's app was stopped
    stop_app_for_run(other)
    assert ended(5, second.process)


def test_the_app_stops_when_its_context_is_gone(tmp_path: Path) -> None:
    ctx = Context(workdir=workdir(tmp_path))
    process = app_for_run(ctx, "webapp:app").process
    del ctx
    gc.collect()
    assert ended(5, process)


def test_a_failed_start_fails_every_check_alike(tmp_path: Path) -> None:
    ctx = Context(workdir=workdir(tmp_path, "raise RuntimeError('no model')\n"))
    with pytest.raises(CheckFailed, match="no model") as first:
        app_for_run(ctx, "webapp:app")
    with pytest.raises(CheckFailed) as again:
        app_for_run(ctx, "webapp:app")
    assert again.value is first.value  # not started twice


def test_start_app_gives_a_process_the_checks_may_signal(tmp_path: Path) -> None:
    with start_app(workdir(tmp_path), "webapp:app") as app:
        pid = app.process.pid
        # Its own process group (stopped as a whole), in the checks' session: the sandbox's
        # guard lets the checks signal it (SIGTERM with a request in flight).
        assert os.getpgid(pid) == pid
        assert os.getsid(pid) == os.getsid(0)
        os.killpg(pid, signal.SIGTERM)
        assert app.process.wait(timeout=10) == -signal.SIGTERM


def test_an_app_whose_checks_process_dies_stops_itself(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = workdir(tmp_path)
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from airoadmap.grading.kit.service import start_app
        with start_app({str(folder)!r}, "webapp:app") as app:
            Path({str(folder / "app.pid")!r}).write_text(str(app.process.pid))
            os._exit(0)  # the checks' process ends without stopping its app
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    pid = int((folder / "app.pid").read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return  # gone
        if state in ("Z", "X"):
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    pytest.fail("the app outlived the process that started it")
