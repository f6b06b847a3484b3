"""Web services in checks: start the learner's app on a loopback port, wait until it answers,
talk to it over HTTP, stop it (its whole process group), all inside the sandbox.

    from airoadmap.grading.kit.service import run_app

    @check("the service answers /predict")
    def predict(ctx: Context) -> None:
        with run_app(ctx.workdir, "service:app", health="/health") as base:
            reply = urllib.request.urlopen(base + "/predict?x=1", timeout=5)

`run_app` starts `module:attr` (a WSGI app, or an ASGI app such as FastAPI's, served by
uvicorn; `module:factory()` calls a factory) or a command (`["python", "serve.py", "--port",
"{port}"]`, PORT in its environment too) as a new process in its own process group, on a free
port of 127.0.0.1. It waits until the health URL answers (any HTTP status below 500), at most
`start_timeout_s`, failing the check with a message that says what went wrong (exited, crashed
on import: with the end of its output; never answered). On the way out it sends SIGTERM to the
group, then SIGKILL. Each start is one of the exercise's `processes` ([limits] in
exercise.toml); a "module:attr" app runs under the checks' audit hooks (writes only in the
working copy and the temp folder, no network but loopback, no further processes).

`app_for_run(ctx, target, ...)` starts the app once for a whole grading run instead (one start,
~1-2 s of imports, shared by every check that asks): a failed start fails each of them alike,
and the app stops when the next run starts, when `stop_app_for_run(ctx)` is called, or when
the run's Context is gone. `start_app` is run_app yielding an `App` (its process too, for a
check that signals it).

`serve_thread` runs a server object of the checks' own (a scripted fake API, as m01-http's)
in a thread on a free port, and `free_port` names a port where nothing listens.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from airoadmap.grading.api import Context, fail

__all__ = [
    "App",
    "app_for_run",
    "free_port",
    "run_app",
    "serve_thread",
    "start_app",
    "stop_app_for_run",
    "wait_healthy",
]

HOST = "127.0.0.1"
_POLL_S = 0.05
_STOP_GRACE_S = 3.0
_TAIL_CHARS = 300
_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')

# The app's process: the sandbox's audit hooks, then the app on HOST:port.
_BOOT = r"""
import inspect, os, sys
src, workdir, target, port, roots = sys.argv[1:6]
if src not in sys.path:
    sys.path.append(src)
sys.path.insert(0, workdir)
from airoadmap.grading import guard
guard.install_audit_hooks(writable_roots=roots.split(os.pathsep), process_budget=0)
import signal, threading, time
checks = os.getppid()
def watch():  # the checks' process is gone (killed, os._exit): stop, never linger
    while os.getppid() == checks:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)
threading.Thread(target=watch, daemon=True).start()
module_name, _, attr = target.partition(":")
factory = attr.endswith("()")
import importlib
app = importlib.import_module(module_name)
for part in attr.removesuffix("()").split("."):
    app = getattr(app, part)
if factory:
    app = app()
call = getattr(type(app), "__call__", None) if not inspect.isfunction(app) else app
is_asgi = inspect.iscoroutinefunction(app) or inspect.iscoroutinefunction(call)
if is_asgi:
    import uvicorn
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning", lifespan="auto")
else:
    import socketserver
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Threaded(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True

    make_server("127.0.0.1", int(port), app, server_class=Threaded,
                handler_class=Quiet).serve_forever(0.05)
"""


def free_port() -> int:
    """A port of 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
    return port


@contextlib.contextmanager
def serve_thread(server: socketserver.BaseServer, *, poll_s: float = 0.01) -> Iterator[str]:
    """Run `server` (already bound, e.g. to ("127.0.0.1", 0)) in a thread; yield its base URL.

    Afterwards the server is shut down and closed, and its thread joined.
    """
    address = server.server_address
    if not isinstance(address, tuple):
        raise TypeError("serve_thread serves TCP servers (an address of (host, port))")
    host, port = address[0], address[1]
    thread = threading.Thread(
        target=server.serve_forever, args=(poll_s,), name="check-server", daemon=True
    )
    thread.start()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def wait_healthy(
    url: str,
    *,
    timeout_s: float = 10.0,
    process: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
    what: str = "the app",
    workdir: Path | None = None,
) -> None:
    """Return once GET `url` gets an HTTP answer below 500; fail the check (with what the
    process printed, from `log`) when `process` ends first or `timeout_s` passes."""
    parsed = _split(url)
    give_up = time.monotonic() + timeout_s
    last = "no connection"
    while True:
        if process is not None and process.poll() is not None:
            fail(
                f"{what} stopped before it answered {url} (exit status {process.returncode})"
                + _tail(log, workdir)
            )
        try:
            status = _get_status(parsed, timeout=max(min(give_up - time.monotonic(), 2.0), 0.1))
        except (OSError, http.client.HTTPException) as exc:
            last = type(exc).__name__
        else:
            if status < 500:
                return
            last = f"HTTP {status}"
        if time.monotonic() >= give_up:
            fail(
                f"{what} did not answer {url} within {timeout_s:g} s (last try: {last}): does "
                "it listen on the port it is given, and answer that path?" + _tail(log, workdir)
            )
        time.sleep(_POLL_S)


@dataclass(frozen=True)
class App:
    """A started app: its base URL and its process (the leader of its own process group)."""

    base: str
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def run_app(
    workdir: Path | str,
    target: str | Sequence[str],
    *,
    health: str = "/",
    start_timeout_s: float = 10.0,
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Start the learner's app, wait until `health` answers; yield its base URL; stop it.

    target: "module:attr" naming a WSGI or ASGI app in the working copy ("module:factory()"
    calls a factory for it), or a command whose "{port}" arguments become the port (PORT is
    in its environment either way). Each start is one of the exercise's `processes`.
    """
    with start_app(workdir, target, health=health, start_timeout_s=start_timeout_s, env=env) as app:
        yield app.base


# The app held for the current grading run: {"ctx": weakref to its Context, "stack": the
# ExitStack that stops it, "app": App, or "error": the exception its start raised}.
_HELD: dict[str, Any] = {}


def app_for_run(
    ctx: Context,
    target: str | Sequence[str],
    *,
    health: str = "/",
    start_timeout_s: float = 10.0,
    env: Mapping[str, str] | None = None,
) -> App:
    """The learner's app started once for the grading run of `ctx` (a Context) and kept
    running for every check that asks; a start that failed raises its error again. The
    previous run's app is stopped first."""
    held = _HELD.get("ctx")
    if held is None or held() is not ctx:
        _release()
        stack = contextlib.ExitStack()
        _HELD.update(ctx=weakref.ref(ctx), stack=stack)
        weakref.finalize(ctx, stack.close)  # the run is over: stop its app
        try:
            _HELD["app"] = stack.enter_context(
                start_app(
                    ctx.workdir, target, health=health, start_timeout_s=start_timeout_s, env=env
                )
            )
        except BaseException as exc:
            _HELD["error"] = exc
    if "error" in _HELD:
        raise _HELD["error"]
    app: App = _HELD["app"]
    return app


def stop_app_for_run(ctx: Context) -> None:
    """Stop the app `app_for_run(ctx, ...)` started (SIGTERM, then SIGKILL), if any."""
    held = _HELD.get("ctx")
    if held is not None and held() is ctx:
        _HELD["stack"].close()


def _release() -> None:
    stack = _HELD.get("stack")
    _HELD.clear()
    if stack is not None:
        stack.close()


@contextlib.contextmanager
def start_app(
    workdir: Path | str,
    target: str | Sequence[str],
    *,
    health: str = "/",
    start_timeout_s: float = 10.0,
    env: Mapping[str, str] | None = None,
) -> Iterator[App]:
    """run_app, yielding the App (base URL and process) instead of the base URL alone."""
    folder = Path(workdir)
    port = free_port()
    base = f"http://{HOST}:{port}"
    if isinstance(target, str):
        if ":" not in target:
            raise ValueError(f"run_app: {target!r} is not 'module:attr' or a command list")
        src = str(Path(__file__).resolve().parents[3])
        roots = os.pathsep.join([str(folder.resolve()), tempfile.gettempdir()])
        command = [sys.executable, "-I", "-c", _BOOT, src, str(folder), target, str(port), roots]
        what = f"your app {target}"
    else:
        command = [part.replace("{port}", str(port)) for part in target]
        what = f"your app ({' '.join(command)})"
    environment = {**os.environ, **(env or {}), "PORT": str(port)}
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        prefix="app-", suffix=".log", delete=False
    )
    log = Path(log_file.name)
    process: subprocess.Popen[bytes] | None = None
    try:
        try:
            process = subprocess.Popen(
                command,
                cwd=folder,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                process_group=0,  # its own group, in our session: the guard lets us signal it
            )
        except PermissionError as exc:  # the sandbox's process budget
            fail(
                f"{what} could not start: {exc} (each start of the app is one of the "
                "processes that exercise.toml's [limits] allows)"
            )
        except OSError as exc:
            fail(f"{what} could not start: {exc}")
        wait_healthy(
            base + health,
            timeout_s=start_timeout_s,
            process=process,
            log=log,
            what=what,
            workdir=folder,
        )
        yield App(base, process)
    finally:
        if process is not None:
            stop(process)
        log_file.close()
        with contextlib.suppress(OSError):
            log.unlink()


def stop(process: subprocess.Popen[bytes], *, grace_s: float = _STOP_GRACE_S) -> None:
    """SIGTERM to the process's group, SIGKILL to it after `grace_s`, and reap the process."""
    for sig, wait_s in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            continue
        if sig == signal.SIGTERM:  # the leader is gone; what it left in its group goes too
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        return


def _split(url: str) -> tuple[str, int, str]:
    rest = url.split("://", 1)[-1]
    hostport, _, path = rest.partition("/")
    host, _, port = hostport.rpartition(":")
    return host, int(port), "/" + path


def _get_status(parsed: tuple[str, int, str], *, timeout: float) -> int:
    host, port, path = parsed
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def _tail(log: Path | None, workdir: Path | None = None) -> str:
    """'. Its output ended with: <last line> (app.py line 3)': the error, and the last line
    of the learner's files in its traceback."""
    if log is None:
        return ""
    try:
        text = log.read_bytes()[-_TAIL_CHARS * 8 :].decode("utf-8", "replace").strip()
    except OSError:
        return ""
    if not text:
        return ". It printed nothing."
    last = text.splitlines()[-1].strip()[:_TAIL_CHARS]
    where = ""
    if workdir is not None:
        root = str(workdir.resolve()) + os.sep
        for match in _FRAME.finditer(text):
            if match["file"].startswith(root):
                where = f" ({match['file'][len(root) :]} line {match['line']})"
    return f". Its output ended with: {last}{where}"
