"""The check kit's service helper: the learner's web app on a loopback port, started, waited
for, talked to and stopped with its whole process group."""

from __future__ import annotations

import http.server
import os
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from airoadmap.grading.api import CheckFailed
from airoadmap.grading.kit.service import free_port, run_app, serve_thread
from airoadmap.results import Outcome

from .conftest import Submit, solution

WSGI_APP = """
import os
from pathlib import Path

Path("pid.txt").write_text(str(os.getpid()))


def app(environ, start_response):
    path = environ["PATH_INFO"]
    status = "200 OK" if path in ("/health", "/hello") else "404 Not Found"
    start_response(status, [("Content-Type", "text/plain")])
    return [b"hello from wsgi" if path == "/hello" else b"ok"]


def make():
    return app
"""


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as reply:
        return reply.read().decode()


def gone(pid: int) -> bool:
    """Whether process `pid` has ended (reaped, or a zombie waiting for its parent)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def wait_gone(pid: int) -> bool:
    """Whether `pid` ends (a SIGKILL is delivered asynchronously); gives up after a while."""
    for _ in range(200):
        if gone(pid):
            return True
        time.sleep(0.05)
    return False


def app_dir(tmp_path: Path, code: str, name: str = "webapp.py") -> Path:
    folder = tmp_path / "work"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(code), encoding="utf-8")
    return folder


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"you asked for {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_serve_thread_serves_a_checks_server_then_closes_it() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    with serve_thread(server) as base:
        assert base.startswith("http://127.0.0.1:")
        assert get(base + "/x") == "you asked for /x"
    with pytest.raises(urllib.error.URLError):
        get(base + "/x")


def test_free_port_has_no_listener() -> None:
    with pytest.raises(urllib.error.URLError):
        get(f"http://127.0.0.1:{free_port()}/")


def test_a_wsgi_app_is_started_served_and_stopped(tmp_path: Path) -> None:
    folder = app_dir(tmp_path, WSGI_APP)
    with run_app(folder, "webapp:app", health="/health") as base:
        assert get(base + "/hello") == "hello from wsgi"
        pid = int((folder / "pid.txt").read_text())
        assert not gone(pid)
    assert gone(pid)  # stopped and reaped before run_app returned
    with pytest.raises(urllib.error.URLError):
        get(base + "/health")


def test_a_factory_is_called(tmp_path: Path) -> None:
    folder = app_dir(tmp_path, WSGI_APP)
    with run_app(folder, "webapp:make()", health="/health") as base:
        assert get(base + "/hello") == "hello from wsgi"


def test_an_asgi_app_is_served_by_uvicorn(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    code = """
    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = ("asgi " + scope["path"]).encode()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})
    """
    folder = app_dir(tmp_path, code, "asgiapp.py")
    with run_app(folder, "asgiapp:app", health="/health", start_timeout_s=30) as base:
        assert get(base + "/ping") == "asgi /ping"


def test_a_command_gets_its_port_and_its_whole_group_is_killed(tmp_path: Path) -> None:
    code = """
    import http.server, subprocess, sys
    from pathlib import Path

    child = subprocess.Popen(["sleep", "300"])  # left behind in the app's process group
    Path("child.txt").write_text(str(child.pid))
    http.server.ThreadingHTTPServer(
        ("127.0.0.1", int(sys.argv[1])), http.server.SimpleHTTPRequestHandler
    ).serve_forever()
    """
    folder = app_dir(tmp_path, code, "serve.py")
    (folder / "index.html").write_text("static page")
    with run_app(folder, [sys.executable, "serve.py", "{port}"], health="/") as base:
        assert get(base + "/index.html") == "static page"
        child = int((folder / "child.txt").read_text())
        assert not gone(child)
    assert wait_gone(child)


def test_an_app_that_crashes_on_import_fails_with_its_output(tmp_path: Path) -> None:
    folder = app_dir(tmp_path, "raise RuntimeError('no model file found')\n")
    with pytest.raises(CheckFailed) as caught, run_app(folder, "webapp:app"):
        pytest.fail("must not get here")
    message = str(caught.value)
    assert message.startswith("your app webapp:app stopped before it answered http://127.0.0.1:")
    assert "(exit status 1)" in message
    assert message.endswith(
        "Its output ended with: RuntimeError: no model file found (webapp.py line 1)"
    )


def test_an_app_that_never_answers_well_fails_after_the_bound(tmp_path: Path) -> None:
    code = """
    def app(environ, start_response):
        start_response("500 Internal Server Error", [])
        return [b"broken"]
    """
    folder = app_dir(tmp_path, code)
    with pytest.raises(CheckFailed) as caught, run_app(
        folder, "webapp:app", health="/health", start_timeout_s=0.5
    ):
        pytest.fail("must not get here")
    message = str(caught.value)
    assert "did not answer http://127.0.0.1:" in message
    assert "/health within 0.5 s (last try: HTTP 500)" in message


def test_a_bad_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not 'module:attr'"), run_app(tmp_path, "webapp"):
        pass


@pytest.mark.slow
def test_the_app_runs_in_the_sandbox(submit: Submit) -> None:
    report = submit(solution("m10-service"), exercise_id="m10-service", processes=1)
    assert report.outcome is Outcome.PASS, report


def test_the_app_counts_against_the_process_budget(submit: Submit) -> None:
    report = submit(solution("m10-service"), exercise_id="m10-service")
    assert report.outcome is Outcome.FAIL
    assert "could not start" in report.checks[0].message
    assert "[limits] allows" in report.checks[0].message


def test_an_app_that_writes_outside_its_folder_is_refused_in_the_sandbox(
    submit: Submit, tmp_path: Path
) -> None:
    target = tmp_path / "outside.txt"
    code = solution("m10-service") + f"\nopen({str(target)!r}, 'w').write('x')\n"
    report = submit(code, exercise_id="m10-service", processes=1)
    assert report.outcome is Outcome.FAIL
    assert "outside its folder" in report.checks[0].message
    assert not target.exists()
    assert os.path.exists(tmp_path)
