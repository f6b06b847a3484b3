"""A lost or damaged progress database is refused with the way back; daily copies; restore."""

# SQLite only: these are about the workspace's database file (emptied, damaged, copied);
# a PostgreSQL server keeps and backs up its own files.

from __future__ import annotations

import os
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from airoadmap.errors import ProgressError
from airoadmap.progress import backup
from airoadmap.progress.store import ProgressStore


def _open(folder: Path) -> ProgressStore:
    return ProgressStore.for_workspace(folder / "progress.db", copies=folder / "copies")


def _make_old(path: Path) -> None:
    """Date the file back an hour: nobody is creating it (see backup.EMPTY_GRACE_S)."""
    past = time.time() - 3600
    os.utime(path, (past, past))


def _damage_a_table(db: Path) -> None:
    """Overwrite the first bytes of the root page of the attempts table."""
    conn = sqlite3.connect(db)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'attempts'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    start = (page - 1) * size
    data[start : start + 200] = b"\x55" * 200
    db.write_bytes(bytes(data))


def test_an_emptied_database_is_refused_not_started_anew(tmp_path: Path) -> None:
    with _open(tmp_path) as store:
        store.record_attempt("m01-katas", "PASS")
    db = tmp_path / "progress.db"
    db.write_bytes(b"")
    _make_old(db)
    with pytest.raises(ProgressError) as caught:
        _open(tmp_path)
    message = str(caught.value)
    assert "is empty (0 bytes)" in message and "\n" not in message
    assert "airoadmap progress restore" in message and "progress import" in message
    assert db.stat().st_size == 0  # nothing was written over it


def test_a_database_being_created_right_now_is_not_taken_for_a_lost_one(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    db.write_bytes(b"")  # another process has just created it: mtime is now
    with _open(tmp_path) as store:
        store.record_attempt("m01-katas", "PASS")
    assert backup.is_lost(db) is False


def test_a_damaged_table_is_refused_before_anything_reads_it(tmp_path: Path) -> None:
    with _open(tmp_path) as store:
        store.record_attempt("m01-katas", "PASS")
    db = tmp_path / "progress.db"
    _damage_a_table(db)
    with pytest.raises(ProgressError) as caught:
        _open(tmp_path)
    message = str(caught.value)
    assert "is damaged (" in message and "\n" not in message
    assert "airoadmap progress restore" in message
    ok, detail = backup.health(db, tmp_path / "copies")
    assert not ok and "is damaged" in detail


def test_one_copy_a_day_keeps_the_newest_seven(tmp_path: Path) -> None:
    db, folder = tmp_path / "progress.db", tmp_path / "copies"
    with ProgressStore.for_workspace(db, copies=folder) as store:  # a new file: no copy yet
        store.record_attempt("m01-katas", "PASS")
    assert backup.copies(folder) == []
    day = date(2026, 1, 1)
    for n in range(9):
        made = backup.check_and_copy(db, folder, today=day + timedelta(days=n))
        assert made is not None
        assert backup.check_and_copy(db, folder, today=day + timedelta(days=n)) is None
    kept = backup.copies(folder)
    assert [p.name for p in kept] == [
        f"progress-{(day + timedelta(days=n)).isoformat()}.db" for n in range(8, 1, -1)
    ]
    with ProgressStore.open(f"sqlite:///{kept[0]}") as copy:
        assert copy.passed() == {"m01-katas"}


def test_restore_puts_back_the_newest_copy_and_keeps_the_damaged_file(tmp_path: Path) -> None:
    db, folder = tmp_path / "progress.db", tmp_path / "copies"
    with _open(tmp_path) as store:
        store.record_attempt("m01-katas", "PASS")
    with _open(tmp_path):  # an existing file: today's copy is taken
        pass
    assert len(backup.copies(folder)) == 1
    with pytest.raises(ProgressError, match="is sound"):
        backup.restore(db, folder)  # a sound database is not replaced without force
    _damage_a_table(db)
    damaged = db.read_bytes()
    summary = backup.restore(db, folder)
    assert summary.startswith(f"Restored {db} from ")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("progress.db.aside-")]
    assert len(aside) == 1 and (aside[0] / "progress.db").read_bytes() == damaged
    with _open(tmp_path) as store:
        assert store.passed() == {"m01-katas"}


def test_restore_without_a_copy_moves_the_file_aside_so_a_new_one_starts(tmp_path: Path) -> None:
    db, folder = tmp_path / "progress.db", tmp_path / "copies"
    db.write_bytes(b"")
    _make_old(db)
    summary = backup.restore(db, folder)
    assert "No daily copy to restore" in summary and "progress import" in summary
    assert not db.exists()
    with _open(tmp_path) as store:
        assert store.attempts() == []


def test_a_locked_database_is_not_taken_for_a_damaged_one(tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # a writer holds the file (rollback journal mode)
    try:
        assert backup.integrity(db, quick=True, timeout=0.05) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert backup.integrity(db, quick=True) == "ok"
