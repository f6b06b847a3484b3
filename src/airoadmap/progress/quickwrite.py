"""Record an attempt with the standard library's sqlite3: the `check` command's hot path.

Importing SQLAlchemy costs more than a whole check of a small exercise, so when the progress
database is the workspace's SQLite file and already at the newest schema revision, `check`
writes its one row here: the same table, the same value formats as the ORM (a test reads the
rows back through `ProgressStore` and compares), the same pragmas, one IMMEDIATE transaction.
Anything else (another database URL, a new or older file) returns None and the caller uses
`ProgressStore`, which creates and migrates.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from airoadmap.progress.common import BUSY_TIMEOUT_MS, HEAD_REVISION, jsonable

ENV_URL = "AIROADMAP_DATABASE_URL"


def record_attempt_quick(
    db_path: Path,
    *,
    exercise_id: str,
    outcome: str,
    metrics: Mapping[str, Any],
    checks: Sequence[Any],
    duration_s: float,
    code_hash: str,
) -> int | None:
    """Insert one attempt and return its id, or None when the fast path does not apply."""
    if os.environ.get(ENV_URL) or not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            return None  # a file the store has not set up yet
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != HEAD_REVISION:
            return None
        conn.execute("BEGIN IMMEDIATE")
        try:
            cursor = conn.execute(
                "INSERT INTO attempts (exercise_id, outcome, metrics, checks, duration_s, "
                "code_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    exercise_id,
                    outcome,
                    json.dumps(jsonable(dict(metrics))),
                    json.dumps(jsonable(list(checks))),
                    float(duration_s) if math.isfinite(duration_s) else 0.0,
                    code_hash[:128],
                    # SQLAlchemy's SQLite DateTime format, in UTC without the zone (UTCDateTime)
                    datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f"),
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return cursor.lastrowid
    except sqlite3.Error:
        return None  # e.g. no alembic_version table: let the store explain or migrate
    finally:
        conn.close()
