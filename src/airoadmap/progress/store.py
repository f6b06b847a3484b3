"""The progress store: attempts, hints used, solution reveals, schedule and quiz reviews.

SQLite by default (one file in the workspace); AIROADMAP_DATABASE_URL selects another
database (PostgreSQL for a class on one server). Every write is one transaction.

SQLite settings, set on every connection:
- journal_mode=WAL: readers never block the writer, so `watch` and `check` and the dashboard
  can use the same file at once; a crash (even SIGKILL) never loses a committed transaction.
- busy_timeout=10 s, and write transactions start with BEGIN IMMEDIATE: a second writer waits
  for the lock instead of failing with "database is locked" (a deferred transaction that
  reads first and then writes can fail at once in WAL mode; an immediate one cannot).
- synchronous=FULL: each commit is synced to disk, so a power cut cannot lose the last
  attempts either (NORMAL only protects against crashes of the process, not of the machine).
  A commit here is one small row a few times a minute, so the cost of the fsync (about a
  millisecond on an SSD) does not matter, while a lost pass would.
- foreign_keys=ON: for any constraint a later revision adds.

PostgreSQL: rows are inserted concurrently (an attempt, a hint, a review: nothing to wait
for), but a transaction that reads what it then writes (`_write(serial=True)`: setting the
single schedule row, an import skipping the rows already present, a migration) first takes a
transaction-scoped advisory lock (PG_WRITE_LOCK), waiting at most BUSY_TIMEOUT_MS and then
failing with the same "locked" message as SQLite: such transactions run one at a time, as
every write transaction does on SQLite. (READ COMMITTED alone would let two imports both see
a row missing and both insert it.) Timestamps are read back in UTC whatever the server's or
the session's time zone (models.UTCDateTime); a connection attempt gives up after
CONNECT_TIMEOUT_S unless the URL says otherwise.

The schema is managed by the Alembic migrations shipped in `migrations/`. Opening a store
reads the stored revision (one query); only when it differs from HEAD_REVISION is Alembic
imported and the database upgraded (see migrate.py). Importing this module stays cheap.
"""

from __future__ import annotations

import math
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy import URL, Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from airoadmap.errors import ProgressError
from airoadmap.progress.common import (
    BUSY_TIMEOUT_MS,
    HEAD_REVISION,
    KNOWN_REVISIONS,
    jsonable,
)
from airoadmap.progress.models import (
    CARD_ID_LEN,
    HASH_LEN,
    ID_LEN,
    Attempt,
    HintUse,
    Meta,
    QuizReview,
    Reveal,
    ScheduleRow,
    TrackChoice,
    utcnow,
)
from airoadmap.progress.schedule import Schedule
from airoadmap.results import Outcome

ENV_URL = "AIROADMAP_DATABASE_URL"

# Best first: what "the best outcome so far" of an exercise is. PASS once means passed.
OUTCOME_RANK: dict[Outcome, int] = {
    Outcome.PASS: 4,
    Outcome.FAIL: 3,
    Outcome.ERROR: 2,
    Outcome.TIMEOUT: 1,
    Outcome.NOT_ATTEMPTED: 0,
}

_WRITE = "airoadmap_write"  # execution option: this transaction will write
_SERIAL = "airoadmap_serial"  # execution option: it reads what it writes (one at a time)
PG_WRITE_LOCK = 0x41_52_4D_50  # "ARMP": the advisory lock those transactions hold on PostgreSQL
CONNECT_TIMEOUT_S = 10  # PostgreSQL: an unreachable server fails a check in 10 s, not minutes


@dataclass(frozen=True, slots=True)
class AttemptRow:
    """One recorded check of an exercise."""

    id: int
    exercise_id: str
    outcome: Outcome
    metrics: dict[str, float | None]  # None where the value was NaN or infinite
    checks: list[dict[str, Any]]  # CheckResult.model_dump(mode="json") of each check
    duration_s: float
    code_hash: str
    created_at: datetime  # UTC


@dataclass(frozen=True, slots=True)
class QuizReviewRow:
    """One review of a quiz card."""

    id: int
    card_id: str
    rating: int
    state: dict[str, Any]
    reviewed_at: datetime  # UTC
    due: datetime  # UTC


def stored_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database, or None for a database without one."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _check_id(kind: str, value: str, limit: int) -> str:
    # no NUL: PostgreSQL's text cannot hold one, and an id the same on both databases
    if not isinstance(value, str) or not value or len(value) > limit or "\x00" in value:
        raise ValueError(
            f"{kind} must be a non-empty string of at most {limit} characters, without NUL"
        )
    return value


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (the pysqlite driver's own
    # transaction handling would start them late and never as IMMEDIATE).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _use_wal(cur)
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
    finally:
        cur.close()


def _use_wal(cur: sqlite3.Cursor) -> None:
    """Switch the file to WAL (once: the mode is stored in the file).

    The switch needs the file to itself, and SQLite reports "database is locked" at once,
    without its busy handler, when another connection is using it (two processes opening a
    new database together): so retry here until the busy timeout.
    """
    if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL").fetchone()
            return  # "wal", or "memory" for an in-memory database
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_on_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _pg_on_begin(conn: Connection) -> None:
    if not conn.get_execution_options().get(_SERIAL, False):
        return
    # SET LOCAL: the wait limit ends with the transaction, like the lock itself
    conn.execute(
        text("SELECT set_config('lock_timeout', :ms, true)"), {"ms": f"{BUSY_TIMEOUT_MS}ms"}
    )
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})


def make_engine(url: str | URL, *, source: str = "database URL") -> tuple[Engine, str]:
    """An engine for `url` (SQLite set up as described above) and the place to name in
    messages; the schema is not touched. ProgressError for a bad URL or a missing driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ProgressError(
            f"Invalid {source} {str(url)!r}: {exc}. "
            "Use e.g. sqlite:///path/to/progress.db or postgresql+psycopg://user@host/db."
        ) from None
    shown = parsed.render_as_string(hide_password=True)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine, parsed.database or ":memory:"
        connect_args: dict[str, Any] = {}
        libpq = parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in (
            "psycopg",
            "psycopg2",
        )
        if libpq and "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
        if parsed.get_backend_name() == "postgresql":
            event.listen(engine, "begin", _pg_on_begin)
        return engine, shown
    except NoSuchModuleError:
        raise ProgressError(
            f"Cannot use the {source} {shown}: no database driver is known by the name "
            f"{parsed.drivername!r}. Use sqlite:///path/to/progress.db or "
            "postgresql+psycopg://user@host/db."
        ) from None
    except ImportError as exc:
        raise ProgressError(
            f"Cannot use the {source} {shown}: {_reason(exc)}. Install its driver "
            "(for PostgreSQL: pip install 'psycopg[binary]') or use a sqlite:/// URL."
        ) from None
    except (ArgumentError, SQLAlchemyError, TypeError, ValueError) as exc:
        raise ProgressError(f"Invalid {source} {shown}: {_reason(exc)}.") from None


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text_ = str(orig).strip().splitlines()
    return text_[0] if text_ else type(orig).__name__


class ProgressStore:
    """The learner's progress in one database. Open with `open()` or `for_workspace()`."""

    def __init__(self, engine: Engine, where: str) -> None:
        """Wrap an engine; use `open` or `for_workspace`, which also upgrade the schema."""
        self._engine = engine
        self._write_engine = engine.execution_options(**{_WRITE: True})
        self._serial_engine = engine.execution_options(**{_WRITE: True, _SERIAL: True})
        self.where = where  # the file, or the URL without its password: for messages
        self.copies: Path | None = None  # the workspace's daily copies (backup.py), if any

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, url: str | URL, *, source: str = "database URL", copies: Path | None = None
    ) -> Self:
        """Open the database at `url`, creating it or upgrading its schema as needed.

        source names where the URL came from, for error messages; copies is the folder of
        the workspace's daily copies, named in the advice when the file is damaged.
        """
        engine, where = make_engine(url, source=source)
        store = cls(engine, where)
        store.copies = copies
        try:
            store._ensure_schema()
        except BaseException:
            engine.dispose()
            raise
        return store

    @classmethod
    def for_workspace(cls, db_path: Path, *, copies: Path | None = None) -> Self:
        """The workspace's store: AIROADMAP_DATABASE_URL if set, else SQLite at db_path.

        A file whose content is gone (0 bytes) is refused instead of silently starting anew.
        With `copies` (the workspace's .airoadmap/backups/progress), a damaged file is refused
        too (quick_check), and the first open of each day keeps a copy of it there (backup.py).
        """
        from airoadmap.progress import backup

        url = os.environ.get(ENV_URL, "").strip()
        if url:
            return cls.open(url, source=ENV_URL)
        db_path = Path(db_path)
        if backup.is_lost(db_path):
            raise ProgressError(backup.lost_message(db_path, copies))
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProgressError(
                f"Cannot create the folder of the progress database {db_path}: "
                f"{exc.strerror or exc}. Check the workspace folder's permissions."
            ) from None
        if db_path.is_dir():
            raise ProgressError(
                f"The progress database {db_path} is a folder, not a file. Move it aside."
            )
        if copies is not None and db_path.is_file():
            backup.check_and_copy(db_path, copies)
        return cls.open(URL.create("sqlite", database=str(db_path)), copies=copies)

    def _ensure_schema(self) -> None:
        with self._guard("open"), self._engine.connect() as conn:
            revision = stored_revision(conn)
        if revision == HEAD_REVISION:
            return
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise ProgressError(
                f"The progress database {self.where} has schema revision {revision!r}, newer "
                "than this airoadmap knows: upgrade airoadmap (pip install -U airoadmap)."
            )
        self._upgrade("head")

    def _upgrade(self, target: str) -> None:
        from alembic.util import CommandError

        from airoadmap.progress import migrate

        try:
            with self._guard("upgrade"):
                migrate.upgrade(self._serial_engine, target)
        except CommandError as exc:
            raise ProgressError(
                f"Cannot upgrade the progress database {self.where}: {_reason(exc)}. "
                "Restore it from a backup or an export."
            ) from None

    def close(self) -> None:
        """Close every connection. The store cannot be used afterwards."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProgressStore({self.where!r})"

    # -- transactions and errors ----------------------------------------------------------

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn a database failure into a one-line ProgressError."""
        try:
            yield
        except ProgressError:
            raise
        except (SQLAlchemyError, OSError) as exc:
            raise self._error(action, exc) from exc

    def _error(self, action: str, exc: BaseException) -> ProgressError:
        reason = _reason(exc)
        low = reason.lower()
        where = self.where
        if "not a database" in low or "malformed" in low or "corrupt" in low:
            from airoadmap.progress.backup import advice

            if self.copies is None:
                return ProgressError(
                    f"The progress database {where} is damaged ({reason}). Move it aside and "
                    "run again to start a new one, or restore a backup or an export."
                )
            return ProgressError(
                f"The progress database {where} is damaged ({reason}). "
                f"{advice(Path(where), self.copies)}"
            )
        if "locked" in low or "busy" in low or "lock timeout" in low:
            return ProgressError(
                f"The progress database {where} is locked by another process (waited "
                f"{BUSY_TIMEOUT_MS / 1000:g} s). Try again once it has finished."
            )
        if "readonly" in low or "read-only" in low:
            return ProgressError(
                f"Cannot write the progress database {where}: it is read-only. "
                "Check the file's and its folder's permissions."
            )
        if "unable to open" in low:
            return ProgressError(
                f"Cannot open the progress database {where}: {reason}. "
                "Check that its folder exists and is writable."
            )
        if (isinstance(exc, DBAPIError) and exc.connection_invalidated) or "connect" in low:
            return ProgressError(
                f"Cannot connect to the progress database {where}: {reason}. "
                "Check the server and the URL."
            )
        return ProgressError(f"Cannot {action} the progress database {where}: {reason}.")

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._guard("read"), Session(self._engine) as session:
            yield session

    @contextmanager
    def _write(self, action: str = "write", *, serial: bool = False) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on error.

        serial: it reads what it then writes, so no other such transaction may run meanwhile
        (PostgreSQL: the advisory lock; SQLite: every write transaction is one at a time).
        """
        engine = self._serial_engine if serial else self._write_engine
        with (
            self._guard(action),
            Session(engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    # -- attempts ------------------------------------------------------------------------

    def record_attempt(
        self,
        exercise_id: str,
        outcome: Outcome | str,
        metrics: Mapping[str, Any] | None = None,
        checks: Sequence[Any] = (),
        duration_s: float = 0.0,
        code_hash: str = "",
        *,
        created_at: datetime | None = None,
    ) -> int:
        """Record one check of an exercise; return the attempt's id once it is committed.

        checks: CheckResult objects or their dicts. Non-finite metric values are stored
        as None (JSON has no NaN).
        """
        row = Attempt(
            exercise_id=_check_id("exercise id", exercise_id, ID_LEN),
            outcome=Outcome(outcome).value,
            metrics=jsonable(dict(metrics or {})),
            checks=jsonable(list(checks)),
            duration_s=float(duration_s) if math.isfinite(duration_s) else 0.0,
            code_hash=code_hash[:HASH_LEN],
            created_at=created_at or utcnow(),
        )
        with self._write("record an attempt in") as session:
            session.add(row)
            session.flush()
            return row.id

    def record_report(self, report: Any) -> int:
        """Record a grading GradeReport (anything with its fields) as one attempt."""
        return self.record_attempt(
            report.exercise_id,
            report.outcome,
            report.metrics,
            report.checks,
            report.duration_s,
            report.code_hash,
        )

    def attempts(self, exercise_id: str | None = None) -> list[AttemptRow]:
        """Attempts, oldest first; only one exercise's when exercise_id is given."""
        query = select(Attempt).order_by(Attempt.created_at, Attempt.id)
        if exercise_id is not None:
            query = query.where(Attempt.exercise_id == exercise_id)
        with self._read() as session:
            return [
                AttemptRow(
                    id=a.id,
                    exercise_id=a.exercise_id,
                    outcome=Outcome(a.outcome),
                    metrics=a.metrics,
                    checks=a.checks,
                    duration_s=a.duration_s,
                    code_hash=a.code_hash,
                    created_at=a.created_at,
                )
                for a in session.scalars(query)
            ]

    def latest_attempt_id(self, exercise_id: str) -> int:
        """The id of the exercise's most recently recorded attempt (0: none yet): one
        cheap query, which the dashboard repeats to notice a new check."""
        query = select(func.max(Attempt.id)).where(Attempt.exercise_id == exercise_id)
        with self._read() as session:
            return int(session.scalar(query) or 0)

    def best_outcomes(self) -> dict[str, Outcome]:
        """Each attempted exercise's best outcome so far (PASS > FAIL > ERROR > TIMEOUT >
        NOT_ATTEMPTED): one pass means passed, whatever came after."""
        query = select(Attempt.exercise_id, Attempt.outcome).distinct()
        best: dict[str, Outcome] = {}
        with self._read() as session:
            for exercise_id, value in session.execute(query):
                try:
                    outcome = Outcome(value)
                except ValueError:  # written by a newer airoadmap: not ours to rank
                    continue
                old = best.get(exercise_id)
                if old is None or OUTCOME_RANK[outcome] > OUTCOME_RANK[old]:
                    best[exercise_id] = outcome
        return best

    def passed(self) -> set[str]:
        """Ids of the exercises passed at least once."""
        query = select(Attempt.exercise_id).where(Attempt.outcome == Outcome.PASS.value)
        with self._read() as session:
            return set(session.scalars(query.distinct()))

    # -- hints and solutions ---------------------------------------------------------------

    def record_hint(self, exercise_id: str, key: str, tier: int) -> None:
        """Record that the learner was shown tier `tier` (1 = first) of hint group `key`."""
        if tier < 1:
            raise ValueError(f"hint tiers start at 1, got {tier}")
        row = HintUse(
            exercise_id=_check_id("exercise id", exercise_id, ID_LEN),
            hint_key=_check_id("hint key", key, ID_LEN),
            tier=int(tier),
            created_at=utcnow(),
        )
        with self._write("record a hint in") as session:
            session.add(row)

    def hints_used(self, exercise_id: str) -> dict[str, int]:
        """The highest tier shown of each hint group of an exercise."""
        query = (
            select(HintUse.hint_key, func.max(HintUse.tier))
            .where(HintUse.exercise_id == exercise_id)
            .group_by(HintUse.hint_key)
        )
        with self._read() as session:
            return {key: int(tier) for key, tier in session.execute(query)}

    def record_reveal(self, exercise_id: str, after_pass: bool) -> None:
        """Record that the reference solution was shown (after a pass, or before one)."""
        row = Reveal(
            exercise_id=_check_id("exercise id", exercise_id, ID_LEN),
            after_pass=bool(after_pass),
            created_at=utcnow(),
        )
        with self._write("record a solution reveal in") as session:
            session.add(row)

    def revealed(self, exercise_id: str) -> bool:
        """Whether the reference solution of the exercise was ever shown."""
        query = select(Reveal.id).where(Reveal.exercise_id == exercise_id).limit(1)
        with self._read() as session:
            return session.scalar(query) is not None

    def revealed_before_pass(self) -> set[str]:
        """Exercises whose solution was shown before they were passed."""
        query = select(Reveal.exercise_id).where(Reveal.after_pass.is_(False)).distinct()
        with self._read() as session:
            return set(session.scalars(query))

    # -- specialization tracks -------------------------------------------------------------

    def record_track(self, month: int, track: str) -> None:
        """Record the learner's choice of `track` for `month` (the newest choice counts)."""
        row = TrackChoice(
            month=int(month), track=_check_id("track", track, ID_LEN), chosen_at=utcnow()
        )
        with self._write("record the track choice in") as session:
            session.add(row)

    def tracks(self) -> dict[int, str]:
        """The chosen track of each month with tracks: the newest choice per month."""
        query = select(TrackChoice.month, TrackChoice.track).order_by(
            TrackChoice.chosen_at, TrackChoice.id
        )
        with self._read() as session:
            return {int(month): track for month, track in session.execute(query)}

    # -- schedule --------------------------------------------------------------------------

    def get_schedule(self) -> Schedule | None:
        """The learner's schedule, or None before `set_schedule`."""
        with self._read() as session:
            row = session.get(ScheduleRow, 1)
            return None if row is None else Schedule(row.start_date, row.hours_per_week)

    def set_schedule(self, start_date: date, hours_per_week: float) -> None:
        """Set (or change) the start date and the hours per week."""
        if not (isinstance(hours_per_week, int | float) and 0 < hours_per_week <= 168):
            raise ProgressError(
                f"Hours per week must be a number above 0 and at most 168, got {hours_per_week}."
            )
        if isinstance(start_date, datetime) or not isinstance(start_date, date):
            raise ProgressError(f"The start date must be a date, got {start_date!r}.")
        with self._write("save the schedule in", serial=True) as session:
            row = session.get(ScheduleRow, 1)
            if row is None:
                session.add(
                    ScheduleRow(id=1, start_date=start_date, hours_per_week=float(hours_per_week))
                )
            else:
                row.start_date = start_date
                row.hours_per_week = float(hours_per_week)

    # -- quiz reviews ----------------------------------------------------------------------

    def record_quiz_review(
        self,
        card_id: str,
        rating: int,
        state: Mapping[str, Any],
        due: datetime,
        *,
        reviewed_at: datetime | None = None,
    ) -> int:
        """Record one review of a quiz card and the card's scheduler state after it."""
        row = QuizReview(
            card_id=_check_id("card id", card_id, CARD_ID_LEN),
            rating=int(rating),
            state=jsonable(dict(state)),
            reviewed_at=reviewed_at or utcnow(),
            due=due,
        )
        with self._write("record a quiz review in") as session:
            session.add(row)
            session.flush()
            return row.id

    def quiz_reviews(self, card_id: str | None = None) -> list[QuizReviewRow]:
        """Quiz reviews, oldest first; only one card's when card_id is given."""
        query = select(QuizReview).order_by(QuizReview.reviewed_at, QuizReview.id)
        if card_id is not None:
            query = query.where(QuizReview.card_id == card_id)
        with self._read() as session:
            return [_quiz_row(r) for r in session.scalars(query)]

    def latest_quiz_reviews(self) -> dict[str, QuizReviewRow]:
        """Each reviewed card's latest review (its current scheduler state)."""
        latest: dict[str, QuizReviewRow] = {}
        for row in self.quiz_reviews():  # oldest first: later ones overwrite
            latest[row.card_id] = row
        return latest

    # -- about the database ------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """Facts about the database (e.g. created_with)."""
        with self._read() as session:
            return {m.key: m.value for m in session.scalars(select(Meta))}

    def revision(self) -> str | None:
        """The schema revision stored in the database."""
        with self._guard("read"), self._engine.connect() as conn:
            return stored_revision(conn)

    def integrity_check(self) -> str:
        """SQLite's `PRAGMA integrity_check` ("ok" when sound); "ok" on other databases."""
        if self._engine.dialect.name != "sqlite":
            return "ok"
        with self._guard("check"), self._engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        return "; ".join(str(r) for r in rows)


def _quiz_row(r: QuizReview) -> QuizReviewRow:
    return QuizReviewRow(
        id=r.id,
        card_id=r.card_id,
        rating=r.rating,
        state=r.state,
        reviewed_at=r.reviewed_at,
        due=r.due,
    )
