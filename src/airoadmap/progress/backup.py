"""Daily copies of a workspace's progress database, its health, and putting a copy back.

Every open of a workspace's store first runs SQLite's quick_check on the file: a damaged file
is refused with the way to restore it, before anything reads or migrates it. The workspace
keeps one copy of its sound progress.db per day in .airoadmap/backups/progress/
(progress-YYYY-MM-DD.db, the newest KEPT of them), taken the first time the store is opened
that day, before the command writes anything. `airoadmap progress restore` puts the newest copy
back and moves the current file (with its -wal and -shm) aside; nothing is deleted.

Standard library only (sqlite3): the store imports this on every open.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import UTC, date, datetime
from pathlib import Path

from airoadmap.errors import ProgressError

KEPT = 7
# A 0-byte file younger than this is a database another process is creating right now
# (SQLite writes the header when the creator's first statement runs); older, it is one
# whose content was lost.
EMPTY_GRACE_S = 10.0
PREFIX = "progress-"


def copies(folder: Path) -> list[Path]:
    """The daily copies in `folder`, newest first."""
    try:
        found = [p for p in folder.glob(f"{PREFIX}*.db") if p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def advice(db_path: Path, folder: Path | None) -> str:
    """What to do about a lost or damaged database: the command that restores it."""
    if folder is None:
        return "Move it aside and restore a copy of it, or `airoadmap progress import` an export."
    newest = copies(folder)
    if newest:
        return (
            f"`airoadmap progress restore` puts back the newest daily copy ({newest[0].name} "
            f"in {folder}) and moves this file aside; or `airoadmap progress import FILE` "
            "loads an export."
        )
    return (
        f"There is no daily copy in {folder} yet: `airoadmap progress restore` moves this file "
        "aside so a new database starts, then `airoadmap progress import FILE` loads an export."
    )


def is_lost(db_path: Path, now: float | None = None) -> bool:
    """Whether the file exists with 0 bytes and nobody is creating it (see EMPTY_GRACE_S)."""
    try:
        st = db_path.stat()
    except OSError:
        return False
    if st.st_size != 0:
        return False
    return (now if now is not None else time.time()) - st.st_mtime > EMPTY_GRACE_S


def lost_message(db_path: Path, folder: Path | None) -> str:
    return (
        f"The progress database {db_path} is empty (0 bytes): the progress it held is gone "
        f"from it. {advice(db_path, folder)}"
    )


def damaged_message(db_path: Path, reason: str, folder: Path | None) -> str:
    return f"The progress database {db_path} is damaged ({reason}). {advice(db_path, folder)}"


def _connect(db_path: Path, timeout: float = 10.0) -> sqlite3.Connection:
    """A connection to an existing file (never creates one)."""
    return sqlite3.connect(f"file:{db_path}?mode=rw", uri=True, timeout=timeout)


DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def integrity(db_path: Path, *, quick: bool = False, timeout: float = 10.0) -> str | None:
    """SQLite's integrity_check (or quick_check) of the file: "ok", or what is wrong; None
    when the check could not run for another reason than damage (the file is locked by a
    writer, or unreadable): the store's own open reports those."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = _connect(db_path, timeout)
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        reason = str(exc) or type(exc).__name__
        return reason if any(w in reason.lower() for w in DAMAGE_WORDS) else None
    problems = [" ".join(str(r[0]).replace("*** in database main ***", "").split()) for r in rows]
    return "ok" if problems == ["ok"] else "; ".join(problems[:3])


def check_and_copy(db_path: Path, folder: Path, today: date | None = None) -> Path | None:
    """Refuse a damaged database; else copy it to folder/progress-<today>.db if today's copy
    is not there yet (returns the new copy).

    The check is SQLite's quick_check (about 10 ms for a year of attempts), so a damaged file
    is reported before anything reads or migrates it, and is never copied over a good copy.
    A copy that cannot be written is skipped: a full disk must not stop the learner's command.
    """
    verdict = integrity(db_path, quick=True)
    if verdict is None:
        return None
    if verdict != "ok":
        raise ProgressError(damaged_message(db_path, verdict, folder))
    day = (today or date.today()).isoformat()
    target = folder / f"{PREFIX}{day}.db"
    try:
        if target.exists() or db_path.stat().st_size == 0:
            return None
    except OSError:
        return None
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src, dst = _connect(db_path), sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error):
        tmp.unlink(missing_ok=True)
        return None
    for old in copies(folder)[KEPT:]:
        old.unlink(missing_ok=True)
    return target


def restore(db_path: Path, folder: Path, *, source: Path | None = None, force: bool = False) -> str:
    """Put a copy back in place of the database (moved aside, never deleted); a summary line.

    Without a copy, the database is only moved aside, so the next command starts a new one.
    A sound database is replaced only with `force`.
    """
    if source is None:
        found = copies(folder)
        source = found[0] if found else None
    elif not source.is_file():
        raise ProgressError(f"No copy at {source}: `ls {folder}` lists the daily copies.")
    present = db_path.is_file()
    if present and not force and db_path.stat().st_size > 0 and integrity(db_path) == "ok":
        raise ProgressError(
            f"The progress database {db_path} is sound: restoring would drop what it "
            "recorded since the copy was taken. Add --force to restore anyway."
        )
    if source is not None:
        verdict = integrity(source)
        if verdict != "ok":
            why = verdict or "it cannot be read"
            raise ProgressError(f"The copy {source} is no good ({why}): choose another.")
    try:
        return _swap(db_path, folder, source, present)
    except OSError as exc:
        raise ProgressError(
            f"Cannot restore {db_path}: {exc.strerror or exc}. Check the folder's permissions."
        ) from None


def _swap(db_path: Path, folder: Path, source: Path | None, present: bool) -> str:
    aside = None
    if present:
        aside = db_path.parent / f"{db_path.name}.aside-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
        aside.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            part = db_path.with_name(db_path.name + suffix)
            if part.exists():
                shutil.move(part, aside / part.name)
    moved = f" The old file is in {aside}." if aside else ""
    if source is None:
        return (
            f"No daily copy to restore in {folder}.{moved} The next command starts a new "
            "database: `airoadmap progress import FILE` loads an export into it."
        )
    tmp = db_path.with_name(db_path.name + ".restoring")
    shutil.copyfile(source, tmp)
    os.replace(tmp, db_path)
    return f"Restored {db_path} from {source}.{moved}"


def health(db_path: Path, folder: Path) -> tuple[bool, str]:
    """Whether the workspace's database file is sound (full integrity_check), and a line."""
    if not db_path.exists():
        return False, (
            f"{db_path} is missing: the next command starts a new, empty one. "
            f"{advice(db_path, folder)}"
        )
    if db_path.is_file() and db_path.stat().st_size == 0:
        return False, lost_message(db_path, folder)
    verdict = integrity(db_path)
    if verdict is None:
        return False, (
            f"{db_path} cannot be checked now (locked by another process, or not readable): "
            "run `airoadmap doctor` again once other airoadmap commands have finished."
        )
    if verdict != "ok":
        return False, damaged_message(db_path, verdict, folder)
    n = len(copies(folder))
    return True, f"{db_path}: integrity ok; {n} daily cop{'y' if n == 1 else 'ies'} in {folder}"
