"""The quick sqlite3 writer stores exactly what the ORM store would, or steps aside."""

# SQLite only: the quick writer is the sqlite3 path of `check`; with a database URL (e.g.
# PostgreSQL) it steps aside for the store, which the last tests here check.

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

import pytest

from airoadmap.progress.quickwrite import record_attempt_quick
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome

CHECKS = [{"name": "c1", "outcome": "PASS", "message": "", "metrics": {}, "hint": None}]


def quick(db: Path, **kw: object) -> int | None:
    args: dict[str, object] = {
        "exercise_id": "m03-linreg",
        "outcome": "PASS",
        "metrics": {"r2": 0.91, "bad": math.nan},
        "checks": CHECKS,
        "duration_s": 0.25,
        "code_hash": "ab" * 32,
    }
    args.update(kw)
    return record_attempt_quick(db, **args)  # type: ignore[arg-type]


def test_rows_read_back_through_the_store_equal_the_orm_ones(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    store = ProgressStore.for_workspace(db)
    try:
        orm_id = store.record_attempt(
            "m03-linreg", Outcome.PASS, {"r2": 0.91, "bad": math.nan}, CHECKS, 0.25, "ab" * 32
        )
    finally:
        store.close()
    before = datetime.now(UTC)
    quick_id = quick(db)
    after = datetime.now(UTC)
    assert quick_id == orm_id + 1
    store = ProgressStore.for_workspace(db)
    try:
        orm_row, quick_row = store.attempts("m03-linreg")
        assert store.integrity_check() == "ok"
    finally:
        store.close()
    for field in ("exercise_id", "outcome", "metrics", "checks", "duration_s", "code_hash"):
        assert getattr(quick_row, field) == getattr(orm_row, field), field
    assert quick_row.metrics == {"r2": 0.91, "bad": None}
    assert quick_row.created_at.tzinfo is not None
    # The time of writing, in UTC like the ORM's (not local time, not a rounded second).
    assert orm_row.created_at <= before <= quick_row.created_at <= after


def test_steps_aside_for_a_new_file_or_another_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert quick(tmp_path / "missing.db") is None
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert quick(empty) is None
    db = tmp_path / "p.db"
    ProgressStore.for_workspace(db).close()
    monkeypatch.setenv("AIROADMAP_DATABASE_URL", "sqlite:///" + str(tmp_path / "other.db"))
    assert quick(db) is None


def test_steps_aside_for_an_older_revision(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "p.db"
    ProgressStore.for_workspace(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    assert quick(db) is None
