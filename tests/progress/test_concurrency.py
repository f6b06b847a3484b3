"""Many processes on one database, and processes killed mid-write: nothing is lost.

Each test runs on SQLite and on PostgreSQL (the `backend` fixture, tests/progress/conftest.py).
On PostgreSQL a killed client also must not leave the write lock held: the server ends its
session and transaction, and the next writer goes on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from airoadmap.progress.store import ProgressStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")

# One clean process imports the store, the driver and Alembic (which the first opener of a
# new database needs), then forks the writers: 50 processes at once for the price of one
# import. They wait at a barrier, then all open the same NEW database (racing to create its
# schema: SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock) and record attempts, reading
# between them.
WRITERS = textwrap.dedent(
    """
    import multiprocessing, os, sys, traceback
    url, n_procs, n_each = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    from airoadmap.progress import migrate  # noqa: F401  (imported once, before the forks)
    from airoadmap.progress.store import ProgressStore, make_engine
    make_engine(url)[0].dispose()  # imports the database's driver (psycopg) once, too

    def write(k, barrier):
        try:
            barrier.wait(60)
            store = ProgressStore.open(url)
            for i in range(n_each):
                outcome = "PASS" if i % 3 == 0 else "FAIL"
                store.record_attempt(f"m01-p{k}", outcome, {"i": i}, [], 0.01, f"{k}-{i}")
                if i % 5 == 0:
                    store.best_outcomes()  # reads between the writes, like `watch` does
            store.close()
        except BaseException:
            traceback.print_exc()
            os._exit(1)

    ctx = multiprocessing.get_context("fork")  # this process has no threads: fork is safe
    barrier = ctx.Barrier(n_procs)
    procs = [ctx.Process(target=write, args=(k, barrier)) for k in range(n_procs)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(" ".join(str(p.exitcode) for p in procs))
    """
)


KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from airoadmap.progress.store import ProgressStore
    store = ProgressStore.open(sys.argv[1])
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


def test_fifty_processes_at_once_lose_nothing(db_url: Callable[[], str]) -> None:
    url = db_url()
    n_procs, n_each = 50, 10
    out = subprocess.run(
        [sys.executable, "-c", WRITERS, url, str(n_procs), str(n_each)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0"] * n_procs, out.stderr
    assert "locked" not in out.stderr
    with ProgressStore.open(url) as store:
        attempts = store.attempts()
        assert len(attempts) == n_procs * n_each
        assert len({a.id for a in attempts}) == n_procs * n_each
        for k in range(n_procs):
            mine = [a for a in attempts if a.exercise_id == f"m01-p{k}"]
            assert sorted(int(a.metrics["i"] or 0) for a in mine) == list(range(n_each))
        # created once: a second creator's meta row would have failed on its primary key
        assert store.meta()["created_with"].startswith("airoadmap ")
        assert store.integrity_check() == "ok"


def _read_ids(lines: list[str]) -> list[int]:
    return [int(line) for line in lines if line.strip().isdigit()]


@pytest.mark.parametrize(
    ("backend", "kill_after"),
    [("sqlite", 5), ("sqlite", 40), ("sqlite", 120), ("postgresql", 40)],
)
def test_sigkill_mid_stream_loses_no_committed_attempt(
    db_url: Callable[[], str], kill_after: int
) -> None:
    url = db_url()
    proc = _python(KILLED_WRITER, url)
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

    with ProgressStore.open(url) as store:
        assert store.integrity_check() == "ok"
        stored = {a.id for a in store.attempts()}
        assert set(printed) <= stored
        # at most the one attempt committed while its id was being printed is extra
        assert len(stored) - len(printed) <= 1
        store.record_attempt("m01-after", "PASS")  # and the database takes new writes
        assert store.passed() == {"m01-after"}


IMPORTER = textwrap.dedent(
    """
    import json, pathlib, sys
    from airoadmap.progress import exchange
    from airoadmap.progress.store import ProgressStore
    data = json.loads(pathlib.Path(sys.argv[2]).read_text())
    store = ProgressStore.open(sys.argv[1])
    merge = exchange._merge
    def announced(*args, **kwargs):
        print("inside", flush=True)  # the import's transaction is open and writing
        return merge(*args, **kwargs)
    exchange._merge = announced
    exchange.import_progress(store, data)
    print("imported", flush=True)
    """
)


def test_sigkill_during_an_import_leaves_all_or_nothing(
    tmp_path: Path, db_url: Callable[[], str]
) -> None:
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
    url = db_url()
    with ProgressStore.open(url) as store:
        store.record_attempt("m01-before", "PASS")

    proc = _python(IMPORTER, url, str(source))
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "inside", proc.stderr and proc.stderr.read()
    time.sleep(0.05)  # while it inserts 20,000 rows in the import's one transaction
    os.kill(proc.pid, signal.SIGKILL)
    _finish(proc, timeout=30)

    with ProgressStore.open(url) as store:
        assert store.integrity_check() == "ok"
        count = len(store.attempts("m01-bulk"))
        assert count in (0, n)
        assert store.passed() == {"m01-before"}
