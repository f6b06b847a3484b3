"""The progress store: what it records, what it answers, and how it fails."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text

from airoadmap.errors import ProgressError
from airoadmap.progress.models import Attempt
from airoadmap.progress.schedule import Schedule
from airoadmap.progress.store import (
    BUSY_TIMEOUT_MS,
    ENV_URL,
    HEAD_REVISION,
    ProgressStore,
    jsonable,
)
from airoadmap.results import CheckResult, GradeReport, Outcome

T0 = datetime(2025, 3, 1, 9, 30, 0, 123456, tzinfo=UTC)


def test_new_database_is_at_head_and_records_its_creator(store: ProgressStore) -> None:
    assert store.revision() == HEAD_REVISION
    assert store.meta()["created_with"].startswith("airoadmap ")
    assert store.attempts() == []
    assert store.best_outcomes() == {}
    assert store.get_schedule() is None
    assert store.integrity_check() == "ok"


def test_sqlite_settings(sqlite_store: ProgressStore) -> None:
    # SQLite only: the pragmas are SQLite's (PostgreSQL's settings are the server's)
    with sqlite_store._engine.connect() as conn:

        def pragma(name: str) -> object:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == BUSY_TIMEOUT_MS


def test_record_attempt_round_trips(store: ProgressStore) -> None:
    checks = [
        CheckResult(name="fit", outcome=Outcome.PASS, metrics={"r2": 0.91}),
        CheckResult(name="bar", outcome=Outcome.FAIL, message="too low", hint="scale"),
        # what a learner's code printed may hold anything: PostgreSQL's json keeps a NUL
        # and a lone surrogate as escapes (its jsonb and text columns would refuse them)
        CheckResult(name="out", outcome=Outcome.FAIL, message="printed \x00 and \ud800"),
    ]
    metrics = {"r2": 0.91, "rmse": float("nan"), "n": 3}
    new_id = store.record_attempt(
        "m03-linreg", Outcome.FAIL, metrics, checks, 1.25, "abc123", created_at=T0
    )
    [row] = store.attempts()
    assert row.id == new_id
    assert row.exercise_id == "m03-linreg"
    assert row.outcome is Outcome.FAIL
    assert row.metrics == {"r2": 0.91, "rmse": None, "n": 3}  # NaN has no JSON form
    assert row.checks == [c.model_dump(mode="json") for c in checks]
    assert row.checks[1]["hint"] == "scale"
    assert row.duration_s == 1.25
    assert row.code_hash == "abc123"
    assert row.created_at == T0
    assert row.created_at.tzinfo is not None


def test_created_at_defaults_to_now_utc(store: ProgressStore) -> None:
    before = datetime.now(UTC)
    store.record_attempt("m01-katas", "PASS", {}, [], 0.1, "h")
    after = datetime.now(UTC)
    [row] = store.attempts()
    assert before <= row.created_at <= after
    assert row.created_at.utcoffset() == timedelta(0)


def test_non_utc_timestamps_are_stored_as_the_same_instant(store: ProgressStore) -> None:
    paris = datetime(2025, 3, 1, 10, 30, 0, 123456, tzinfo=UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Paris")
    )
    store.record_attempt("m01-katas", "PASS", {}, [], 0.1, "h", created_at=paris)
    assert store.attempts()[0].created_at == paris
    with pytest.raises(Exception, match="naive"):
        store.record_attempt("m01-katas", "PASS", created_at=datetime(2025, 1, 1))
    assert len(store.attempts()) == 1


def test_record_report(store: ProgressStore) -> None:
    report = GradeReport(
        exercise_id="m02-eda",
        outcome=Outcome.PASS,
        summary="ok",
        checks=[CheckResult(name="a", outcome=Outcome.PASS)],
        metrics={"acc": 0.9},
        duration_s=2.0,
        code_hash="ff",
    )
    store.record_report(report)
    [row] = store.attempts("m02-eda")
    assert (row.outcome, row.metrics, row.code_hash) == (Outcome.PASS, {"acc": 0.9}, "ff")


def test_attempts_are_ordered_and_filtered(store: ProgressStore) -> None:
    store.record_attempt("m01-b", "FAIL", created_at=T0 + timedelta(seconds=2))
    store.record_attempt("m01-a", "ERROR", created_at=T0 + timedelta(seconds=1))
    store.record_attempt("m01-a", "PASS", created_at=T0 + timedelta(seconds=3))
    assert [(a.exercise_id, a.outcome) for a in store.attempts()] == [
        ("m01-a", Outcome.ERROR),
        ("m01-b", Outcome.FAIL),
        ("m01-a", Outcome.PASS),
    ]
    assert [a.outcome for a in store.attempts("m01-a")] == [Outcome.ERROR, Outcome.PASS]
    assert store.attempts("m09-none") == []


def test_best_outcomes_rank_and_a_pass_sticks(store: ProgressStore) -> None:
    for exercise_id, outcomes in {
        "m01-passed-then-failed": ["FAIL", "PASS", "FAIL", "ERROR"],
        "m01-fail-beats-error": ["ERROR", "FAIL", "TIMEOUT"],
        "m01-error-beats-timeout": ["TIMEOUT", "ERROR", "NOT_ATTEMPTED"],
        "m01-untouched": ["NOT_ATTEMPTED"],
    }.items():
        for outcome in outcomes:
            store.record_attempt(exercise_id, outcome)
    assert store.best_outcomes() == {
        "m01-passed-then-failed": Outcome.PASS,
        "m01-fail-beats-error": Outcome.FAIL,
        "m01-error-beats-timeout": Outcome.ERROR,
        "m01-untouched": Outcome.NOT_ATTEMPTED,
    }
    assert store.passed() == {"m01-passed-then-failed"}


def test_bad_attempt_arguments_write_nothing(store: ProgressStore) -> None:
    with pytest.raises(ValueError):
        store.record_attempt("m01-a", "MAYBE")
    with pytest.raises(ValueError):
        store.record_attempt("x" * 65, "PASS")
    with pytest.raises(ValueError):
        store.record_attempt("", "PASS")
    with pytest.raises(ValueError, match="NUL"):
        store.record_attempt("m01-\x00", "PASS")
    assert store.attempts() == []


def test_hints_used_gives_the_highest_tier_per_group(store: ProgressStore) -> None:
    store.record_hint("m03-linreg", "general", 1)
    store.record_hint("m03-linreg", "general", 2)
    store.record_hint("m03-linreg", "scale", 1)
    store.record_hint("m03-linreg", "general", 1)  # asked again for the first tier
    store.record_hint("m04-other", "general", 3)
    assert store.hints_used("m03-linreg") == {"general": 2, "scale": 1}
    assert store.hints_used("m04-other") == {"general": 3}
    assert store.hints_used("m05-none") == {}
    with pytest.raises(ValueError):
        store.record_hint("m03-linreg", "general", 0)


def test_reveals(store: ProgressStore) -> None:
    assert not store.revealed("m03-linreg")
    store.record_reveal("m03-linreg", after_pass=False)
    store.record_reveal("m02-eda", after_pass=True)
    assert store.revealed("m03-linreg")
    assert store.revealed("m02-eda")
    assert not store.revealed("m04-x")
    assert store.revealed_before_pass() == {"m03-linreg"}


def test_schedule_is_one_row_that_can_change(store: ProgressStore) -> None:
    store.set_schedule(date(2025, 1, 6), 10)
    assert store.get_schedule() == Schedule(date(2025, 1, 6), 10.0)
    store.set_schedule(date(2025, 2, 3), 7.5)
    assert store.get_schedule() == Schedule(date(2025, 2, 3), 7.5)
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM schedule").scalar() == 1


@pytest.mark.parametrize("hours", [0, -3, 200, float("nan")])
def test_bad_schedule_is_refused_in_one_line(store: ProgressStore, hours: float) -> None:
    with pytest.raises(ProgressError, match="Hours per week") as err:
        store.set_schedule(date(2025, 1, 6), hours)
    assert "\n" not in str(err.value)
    assert store.get_schedule() is None


def test_quiz_reviews(store: ProgressStore) -> None:
    due1 = T0 + timedelta(days=1)
    store.record_quiz_review("m01-q1", 3, {"stability": 2.5}, due1, reviewed_at=T0)
    store.record_quiz_review("m01-q2", 1, {"stability": 0.4}, T0, reviewed_at=T0)
    store.record_quiz_review(
        "m01-q1", 4, {"stability": 9.0}, T0 + timedelta(days=9), reviewed_at=due1
    )
    assert [r.rating for r in store.quiz_reviews("m01-q1")] == [3, 4]
    latest = store.latest_quiz_reviews()
    assert latest["m01-q1"].state == {"stability": 9.0}
    assert latest["m01-q1"].due == T0 + timedelta(days=9)
    assert set(latest) == {"m01-q1", "m01-q2"}


def test_a_failed_write_is_rolled_back_whole(store: ProgressStore) -> None:
    with pytest.raises(RuntimeError), store._write() as session:
        session.add(
            Attempt(
                exercise_id="m01-a",
                outcome="PASS",
                metrics={},
                checks=[],
                duration_s=0.0,
                code_hash="",
                created_at=T0,
            )
        )
        session.flush()
        raise RuntimeError("crash between the two rows")
    assert store.attempts() == []


def test_jsonable_makes_portable_json() -> None:
    np = pytest.importorskip("numpy")
    data = {"a": np.float64(0.5), "b": np.int64(3), 1: [float("inf"), (1, "x")], "d": None}
    assert jsonable(data) == {"a": 0.5, "b": 3, "1": [None, [1, "x"]], "d": None}
    assert math.isnan(float("nan")) and jsonable(float("nan")) is None


# -- where the database is ------------------------------------------------------------------
# SQLite only: the workspace's file and its folder, the sqlite:// URLs (the `postgresql` runs
# of the tests above open their database through AIROADMAP_DATABASE_URL: see conftest.py).


def test_for_workspace_creates_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "progress.db"
    with ProgressStore.for_workspace(path) as s:
        s.record_attempt("m01-a", "PASS")
        assert s.where == str(path)
    assert path.is_file()


def test_database_url_env_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "elsewhere.db"
    monkeypatch.setenv(ENV_URL, f"sqlite:///{other}")
    with ProgressStore.for_workspace(tmp_path / "ws" / "progress.db") as s:
        s.record_attempt("m01-a", "PASS")
        assert s.where == str(other)
    assert other.is_file()
    assert not (tmp_path / "ws" / "progress.db").exists()


def test_in_memory_database_works() -> None:
    with ProgressStore.open("sqlite://") as s:
        s.record_attempt("m01-a", "PASS")
        assert s.passed() == {"m01-a"}


# -- failures: one clear line each --------------------------------------------------------


def _one_line(err: pytest.ExceptionInfo[ProgressError]) -> str:
    message = str(err.value)
    assert "\n" not in message
    return message


# SQLite only, down to test_bad_urls: a damaged, misplaced or read-only file.
def test_corrupt_database(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    path.write_bytes(b"this is not sqlite, just text that someone saved here\n" * 100)
    with pytest.raises(ProgressError) as err:
        ProgressStore.for_workspace(path)
    message = _one_line(err)
    assert str(path) in message
    assert "damaged" in message and "Move it aside" in message


def test_database_damaged_after_open_fails_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    ProgressStore.for_workspace(path).close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with path.open("r+b") as f:  # wipe the header and the first pages
        f.write(b"\xff" * 4096)
    with pytest.raises(ProgressError) as err:
        ProgressStore.for_workspace(path)
    assert str(path) in _one_line(err)


def test_database_path_is_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    path.mkdir()
    with pytest.raises(ProgressError, match="is a folder") as err:
        ProgressStore.for_workspace(path)
    _one_line(err)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "Invalid database URL"),
        ("nosuchdb://user@host/db", "no database driver is known by the name 'nosuchdb'"),
        ("postgresql+nosuchdriver://me:s3cret@localhost/db", "no database driver is known"),
    ],
)
def test_bad_urls(url: str, expected: str) -> None:
    with pytest.raises(ProgressError, match=expected) as err:
        ProgressStore.open(url)
    message = _one_line(err)
    assert "s3cret" not in message


def test_postgresql_refusals_are_one_line_without_the_password(
    pg_progress: tuple[str, Engine],
) -> None:
    """A wrong password, a database that does not exist, a port nobody listens on."""
    good = make_url(pg_progress[0])
    with socket.socket() as s:  # a free port, closed again: nothing listens there
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    cases = {
        "password authentication failed": good.set(password="not-the-s3cret"),
        "does not exist": good.set(database="no_such_database"),
        "Connection refused": good.set(port=closed_port),
    }
    for words, url in cases.items():
        with pytest.raises(ProgressError) as err:
            ProgressStore.open(url)
        message = _one_line(err)
        assert message.startswith("Cannot connect to the progress database postgresql+psycopg://")
        assert words in message
        assert "s3cret" not in message and (good.password or "?") not in message


def test_bad_url_in_env_names_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_URL, "garbage")
    with pytest.raises(ProgressError, match=ENV_URL) as err:
        ProgressStore.for_workspace(tmp_path / "p.db")
    _one_line(err)


def test_database_from_a_newer_airoadmap_is_refused(db_url: Callable[[], str]) -> None:
    url = db_url()
    with ProgressStore.open(url) as s, s._write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(ProgressError, match="newer than this airoadmap") as err:
        ProgressStore.open(url)
    _one_line(err)


def test_missing_folder_for_a_sqlite_url(tmp_path: Path) -> None:  # SQLite only: a file
    with pytest.raises(ProgressError, match="Cannot open") as err:
        ProgressStore.open(f"sqlite:///{tmp_path}/no/such/dir/p.db")
    _one_line(err)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_database(tmp_path: Path) -> None:  # SQLite only: the file's permissions
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    path = tmp_path / "p.db"
    ProgressStore.for_workspace(path).close()
    tmp_path.chmod(0o555)
    path.chmod(0o444)
    try:
        with pytest.raises(ProgressError) as err:
            s = ProgressStore.for_workspace(path)
            s.record_attempt("m01-a", "PASS")
        assert str(path) in _one_line(err)
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)


def test_busy_database_reports_one_line(
    backend: str, db_url: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transaction that reads what it writes (here: the schedule) waits for another one and
    then says so in one line: SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock. A plain
    insert waits too on SQLite (one writer at a time), not on PostgreSQL."""
    import airoadmap.progress.store as store_module

    url = db_url()
    ProgressStore.open(url).close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    holder = ProgressStore.open(url)
    waiter = ProgressStore.open(url)
    try:
        with holder._write(serial=True) as session:  # holds the lock while the other waits
            session.execute(text("SELECT 1"))  # the transaction (and its lock) starts here
            with pytest.raises(ProgressError, match="locked by another process") as err:
                waiter.set_schedule(date(2025, 1, 6), 10)
            _one_line(err)
            assert "0.2 s" in str(err.value)
            if backend == "sqlite":
                with pytest.raises(ProgressError, match="locked by another process"):
                    waiter.record_attempt("m01-a", "PASS")
            else:
                waiter.record_attempt("m01-a", "PASS")
        assert holder.get_schedule() is None
        waiter.set_schedule(date(2025, 1, 6), 10)  # once the holder is done, it writes
        assert holder.get_schedule() == Schedule(date(2025, 1, 6), 10.0)
        assert holder.passed() == ({"m01-a"} if backend == "postgresql" else set())
    finally:
        holder.close()
        waiter.close()


# -- speed: opening an existing database must not import Alembic -----------------------------


def test_opening_an_up_to_date_database_does_not_import_alembic(
    db_url: Callable[[], str],
) -> None:
    url = db_url()
    ProgressStore.open(url).close()
    code = (
        "import sys\n"
        "from airoadmap.progress.store import ProgressStore\n"
        "assert 'alembic' not in sys.modules, 'imported by the module'\n"
        f"s = ProgressStore.open({url!r})\n"
        "s.record_attempt('m01-a', 'PASS')\n"
        "assert 'alembic' not in sys.modules, 'imported by open'\n"
        "print(len(s.attempts()))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"
