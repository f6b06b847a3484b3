"""Several processes on one SQLite file, and processes killed mid-write: nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from airoadmap.progress.store import ProgressStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")

WRITER = textwrap.dedent(
    """
    import pathlib, sys, time
    db, name, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), pathlib.Path(sys.argv[4])
    from airoadmap.progress.store import ProgressStore
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.002)
    store = ProgressStore.for_workspace(pathlib.Path(db))  # both open a new file at once
    for i in range(n):
        outcome = "PASS" if i % 3 == 0 else "FAIL"
        store.record_attempt(f"m01-{name}", outcome, {"i": i}, [], 0.01, f"{name}-{i}")
        if i % 10 == 0:
            store.best_outcomes()  # reads between the writes, like `watch` does
    store.close()
    print("done", flush=True)
    """
)

KILLED_WRITER = textwrap.dedent(
    """
    import pathlib, sys
    from airoadmap.progress.store import ProgressStore
    store = ProgressStore.for_workspace(pathlib.Path(sys.argv[1]))
    print("ready", flush=True)
    checks = [{"name": f"check {k}", "outcome": "FAIL", "message": "x" * 300} for k in range(8)]
    i = 0
    while True:
        new_id = store.record_attempt("m01-kill", "FAIL", {"i": i}, checks, 0.0, f"h{i}")
        print(new_id, flush=True)  # only after the commit returned
        i += 1
    """
)


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen[str], timeout: float = 120) -> tuple[str, str]:
    """The rest of the child's output, then its exit. (Not communicate(): it reads the pipes
    from their file descriptors and so drops what readline() has already buffered.)"""
    assert proc.stdout is not None and proc.stderr is not None
    with proc.stdout, proc.stderr:
        out = proc.stdout.read()
        err = proc.stderr.read()
    proc.wait(timeout=timeout)
    return out, err


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    go = tmp_path / "go"
    n = 150
    procs = [_python(WRITER, str(db), name, str(n), str(go)) for name in ("watch", "check")]
    for p in procs:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "ready"
    go.touch()
    results = [_finish(p) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert out.strip() == "done"
        assert "locked" not in err
    with ProgressStore.for_workspace(db) as store:
        attempts = store.attempts()
        assert len(attempts) == 2 * n
        assert len({a.id for a in attempts}) == 2 * n
        for name in ("watch", "check"):
            mine = [a for a in attempts if a.exercise_id == f"m01-{name}"]
            assert sorted(int(a.metrics["i"] or 0) for a in mine) == list(range(n))
        assert store.integrity_check() == "ok"


def _read_ids(lines: list[str]) -> list[int]:
    return [int(line) for line in lines if line.strip().isdigit()]


@pytest.mark.parametrize("kill_after", [5, 40, 120])
def test_sigkill_mid_stream_loses_no_committed_attempt(tmp_path: Path, kill_after: int) -> None:
    db = tmp_path / "progress.db"
    proc = _python(KILLED_WRITER, str(db))
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready", proc.stderr and proc.stderr.read()
    seen: list[str] = []
    while len(seen) < kill_after:
        line = proc.stdout.readline()
        assert line, proc.stderr and proc.stderr.read()
        seen.append(line)
    os.kill(proc.pid, signal.SIGKILL)  # while it keeps writing
    rest, _ = _finish(proc, timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # a line cut by the kill has no newline: only whole lines were printed after a commit
    whole = seen + [line for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    printed = _read_ids(whole)
    assert len(printed) >= kill_after

    with ProgressStore.for_workspace(db) as store:
        assert store.integrity_check() == "ok"
        stored = {a.id for a in store.attempts()}
        assert set(printed) <= stored
        # at most the one attempt committed while its id was being printed is extra
        assert len(stored) - len(printed) <= 1
        store.record_attempt("m01-after", "PASS")  # and the file takes new writes
        assert store.passed() == {"m01-after"}


IMPORTER = textwrap.dedent(
    """
    import json, pathlib, sys
    from airoadmap.progress import exchange
    from airoadmap.progress.store import ProgressStore
    data = json.loads(pathlib.Path(sys.argv[2]).read_text())
    store = ProgressStore.for_workspace(pathlib.Path(sys.argv[1]))
    merge = exchange._merge
    def announced(*args, **kwargs):
        print("inside", flush=True)  # the import's transaction is open and writing
        return merge(*args, **kwargs)
    exchange._merge = announced
    exchange.import_progress(store, data)
    print("imported", flush=True)
    """
)


def test_sigkill_during_an_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    import json
    from datetime import UTC, datetime, timedelta

    n = 20_000
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    export = {
        "format": "airoadmap-progress",
        "format_version": 1,
        "exported_at": t0.isoformat(),
        "attempts": [
            {
                "exercise_id": "m01-bulk",
                "outcome": "FAIL",
                "metrics": {"i": i},
                "checks": [],
                "duration_s": 0.1,
                "code_hash": f"h{i}",
                "created_at": (t0 + timedelta(seconds=i)).isoformat(),
            }
            for i in range(n)
        ],
    }
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export))
    db = tmp_path / "progress.db"
    with ProgressStore.for_workspace(db) as store:
        store.record_attempt("m01-before", "PASS")

    proc = _python(IMPORTER, str(db), str(source))
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "inside", proc.stderr and proc.stderr.read()
    time.sleep(0.05)  # while it inserts 20,000 rows in the import's one transaction
    os.kill(proc.pid, signal.SIGKILL)
    _finish(proc, timeout=30)

    with ProgressStore.for_workspace(db) as store:
        assert store.integrity_check() == "ok"
        count = len(store.attempts("m01-bulk"))
        assert count in (0, n)
        assert store.passed() == {"m01-before"}
