"""The child side of the grader: run one exercise's checks on a working copy, report as JSON.

Started by `sandbox.py` as `python -I -c "...; from airoadmap.grading.harness import main;
main()"`. It imports only the standard library and `airoadmap.grading.api` (what checks.py
uses anyway), never pydantic or the rest of airoadmap, so a check starts in milliseconds.

Protocol. The request comes as one JSON object on stdin (then stdin is switched to /dev/null,
so a learner's `input()` gets EOF instead of hanging). Reports go as JSON lines through a pipe
the parent passed (`result_fd`), never through stdout/stderr, which belong to the learner's
prints. The harness moves that pipe to a high, close-on-exec descriptor, and every line
carries a random token that the parent checks, so prints, a closed stdout or a guessed file
cannot fake or break a report. This is not proof against a learner determined to fake their
own grade (the token lives in this process's memory); the parent also treats a child that
dies without its final `done` line as an error.

Messages, in order: hello, note*, (load_error | plan, limits?, (start, result)*), done; or internal
(the content or the harness is broken, not the learner's code), or aborted (the harness
failed after the learner's code ran, most likely because that code broke it). `start` and
`result` carry `out`, the size of the output log then, so the parent can show what each
check printed (grading/printed.py). A learner's file that does not compile ends the run
with one load_error, not one error per check.
"""

from __future__ import annotations

import contextlib
import faulthandler
import fcntl
import json
import os
import sys
import time
from typing import Any

from airoadmap.errors import GradingError
from airoadmap.grading import explain, guard, importfence

_dumps = json.dumps  # bound now: a learner's monkeypatch of json cannot change reports
_write = os.write
_HIGH_FD = 200
_TIMEOUT_DUMP_MARGIN_S = 0.2
_IMPORT_ALLOWANCE_MB = 1024  # extra address space while checks.py imports its libraries
_CHANNEL_LOST = 70  # exit status when the report pipe was closed under us
_state = {"checks_started": False}


class Channel:
    """The report pipe: one JSON line per message, each carrying the run's token."""

    def __init__(self, fd: int, token: str) -> None:
        try:
            self._fd = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, _HIGH_FD)
        except OSError:  # a low RLIMIT_NOFILE
            self._fd = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3)
        os.close(fd)
        self._token = token
        self._pid = os.getpid()

    def send(self, kind: str, **fields: Any) -> None:
        if os.getpid() != self._pid:
            # A process the learner's code forked came back into the harness: it has nothing
            # to report, and its copy of the checks must not run on.
            _exit(0)
        data = (_dumps({"token": self._token, "kind": kind, **fields}) + "\n").encode()
        try:
            while data:
                data = data[_write(self._fd, data) :]
        except OSError:
            _exit(_CHANNEL_LOST)


def main() -> None:
    """Entry point of the child process."""
    request = json.loads(sys.stdin.buffer.read())
    channel = Channel(int(request.pop("result_fd")), str(request.pop("token")))
    _detach_stdin()
    channel.send("hello", pid=os.getpid())
    try:
        _run(request, channel)
    except GradingError as exc:  # the content says the installation lacks something
        channel.send("internal", message=str(exc), user_message=True)
    except BaseException as exc:
        text = f"{type(exc).__name__}: {exc}"[:400]
        if _state["checks_started"]:  # most likely the learner's code broke the harness
            channel.send("aborted", message=text)
        else:  # the harness or the content is broken
            channel.send("internal", message=text)
    _exit(0)


def _run(request: dict[str, Any], channel: Channel) -> None:
    workdir: str = request["workdir"]
    checks_file: str = request["checks_file"]
    memory_mb: int = int(request["memory_mb"])
    sys.dont_write_bytecode = True
    sys.path.insert(0, workdir)
    os.chdir(workdir)

    for key, what in (("cgroup_procs", "pids"), ("memory_cgroup_procs", "memory")):
        if request.get(key):
            try:
                with open(request[key], "w") as f:
                    f.write(str(os.getpid()))
            except OSError:
                channel.send("note", text=f"the {what} cgroup could not be joined")
    if request.get("netns") and not guard.bring_loopback_up():
        channel.send("note", text="loopback is down in the sandbox: localhost servers fail")

    faulthandler.enable(file=sys.stderr, all_threads=True)
    remaining = float(request["deadline"]) - time.time() - _TIMEOUT_DUMP_MARGIN_S
    if remaining > 0.05:
        # Where the code was when time ran out: the parent reads this dump from stderr.
        faulthandler.dump_traceback_later(remaining, exit=False, file=sys.stderr)

    processes = int(request["processes"])
    threads = int(request.get("threads") or 0)
    # Torch mode caps resident memory from the parent (cgroup or RSS watching), not the
    # address space: CUDA reserves far more of it than it uses.
    address_space = request.get("address_space_limit", True)
    guard.apply_rlimits(
        memory_mb=memory_mb + _IMPORT_ALLOWANCE_MB if address_space else None,
        fsize_mb=int(request["fsize_mb"]),
        extra_tasks=64 + 16 * processes + 4 * threads,
    )
    guard.install_audit_hooks(writable_roots=request["writable"], process_budget=processes)

    learner = explain.Learner(workdir, checks_file=checks_file, memory_mb=memory_mb)
    from pathlib import Path

    from airoadmap.grading import api

    api.REGISTRY.clear()
    try:
        _import_checks(request["exercise_id"], checks_file)
    except BaseException as exc:
        if isinstance(exc, GradingError):
            raise
        if not explain.blames_learner(exc, learner):
            detail = explain.classify(exc, learner)[1]
            raise RuntimeError(f"checks.py failed to load: {detail}") from exc
        if isinstance(exc, MemoryError):
            guard.release_memory_reserve()
        outcome, message = explain.classify(exc, learner)
        channel.send("load_error", outcome=outcome, message=message)
        return
    specs = list(api.REGISTRY)
    if not specs:
        raise RuntimeError("checks.py registers no checks")
    forbidden = [str(m) for m in request.get("forbidden_imports") or []]
    use_instead = str(request.get("use_instead") or "")
    learner_files = request.get("learner_files")
    fence = importfence.fence(workdir, forbidden, use_instead, files=learner_files)
    if forbidden:
        check_imports = importfence.from_scratch_check(fence)
        specs.append(api.CheckSpec(importfence.FROM_SCRATCH_NAME, check_imports))
    channel.send("plan", checks=[{"name": s.name, "hint": s.hint} for s in specs])

    soft_cap = guard.set_memory_limit(memory_mb) if address_space else 0
    if request.get("cpu_s"):
        import signal

        if hasattr(signal, "SIGXCPU"):  # where the code was when the CPU budget ran out
            faulthandler.register(signal.SIGXCPU, file=sys.stderr, all_threads=True, chain=True)
        cpu_limit = guard.set_cpu_budget(float(request["cpu_s"]))
        if cpu_limit:  # the parent tells a spent budget by the CPU time the run took
            channel.send("limits", cpu_limit_s=cpu_limit)
    ctx = api.Context(workdir=Path(workdir), bars=dict(request.get("bars") or {}))
    _state["checks_started"] = True
    fence.__enter__()
    outcomes: list[str] = []
    for index, spec in enumerate(specs):
        channel.send("start", index=index, out=_output_at())
        with contextlib.suppress(OSError):  # the learner's code may have removed its folder
            os.chdir(workdir)
        if threads:
            pin_torch_threads(threads)
        before = dict(ctx.metrics)
        try:
            spec.func(ctx)
            outcome, message = explain.PASS, ""
        except BaseException as exc:
            if isinstance(exc, GradingError) and learner.where(exc.__traceback__) is None:
                raise  # the check itself says the installation lacks something
            if isinstance(exc, MemoryError):
                guard.release_memory_reserve()
            outcome, message = explain.classify(exc, learner)
            if explain.learner_syntax_error(exc, learner) is not None:
                # Code that does not compile fails every check alike: report it once.
                fence.__exit__(None, None, None)
                channel.send("load_error", outcome=outcome, message=message)
                return
            if explain.forbidden_import(exc) is not None:
                # So does code that imports what the exercise forbids: once, under its check.
                fence.__exit__(None, None, None)
                name = importfence.FROM_SCRATCH_NAME
                channel.send("load_error", outcome=outcome, message=message, name=name)
                return
        if spec.func.__name__ == importfence.FROM_SCRATCH_CHECK:
            outcome = importfence.idle_verdict(outcome, outcomes)
        outcomes.append(outcome)
        metrics = {k: v for k, v in ctx.metrics.items() if k not in before or before[k] != v}
        channel.send(
            "result",
            index=index,
            outcome=outcome,
            message=message,
            metrics=metrics,
            out=_output_at(),
        )
        if soft_cap:
            _restore_memory_cap(soft_cap)
    fence.__exit__(None, None, None)
    faulthandler.cancel_dump_traceback_later()
    channel.send("done")


def pin_torch_threads(threads: int) -> None:
    """torch.set_num_threads(threads) once torch is loaded (never imported for it: the thread
    variables set by the sandbox already reach a torch imported later)."""
    torch = sys.modules.get("torch")
    set_threads = getattr(torch, "set_num_threads", None)
    if set_threads is not None:
        with contextlib.suppress(Exception):
            if torch.get_num_threads() != threads:  # type: ignore[union-attr]
                set_threads(threads)


def _import_checks(exercise_id: str, checks_file: str) -> None:
    import importlib.util

    name = "_airoadmap_checks_" + exercise_id.replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, checks_file)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {checks_file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def _output_at() -> int:
    """How many bytes the learner's code has printed so far (stdout and stderr share one file),
    so the parent can show what each check printed; -1 when that cannot be told."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        return os.fstat(1).st_size
    except OSError:
        return -1


def _restore_memory_cap(soft: int) -> None:
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (min(soft, hard), hard))
    except (ImportError, ValueError, OSError):
        pass


def _detach_stdin() -> None:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)


def _exit(status: int) -> None:
    """Leave now: no atexit handlers or thread joins of the learner's code, no slow teardown."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
