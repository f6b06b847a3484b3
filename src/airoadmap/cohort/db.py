"""The cohort database: connect (one clear line when it cannot), create it, add its members.

`create` makes the tables (schema.py) and the cohort's facts (cohort_meta). On PostgreSQL it
also sets up who may see what, with the server's own machinery:
- two group roles, `<db>_learners` and `<db>_instructors` (NOLOGIN; role names are
  cluster-wide, so they are derived from the database's name);
- grants: learners SELECT and INSERT (never UPDATE or DELETE) the rows they send, and SELECT
  the cohort's facts and their own verdicts; instructors read and write everything;
- ROW LEVEL SECURITY, enabled and forced, on cohort_learners, cohort_attempts,
  cohort_quiz_reviews and cohort_graded: a learner sees and inserts only rows whose learner is
  their own role (`current_user`); instructors and the owner who ran `create` see all.
Every learner or instructor is a LOGIN role in one of the groups (`add_member`).

SQLite works too (a class on one machine, for trying it) but has no access control.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import (
    URL,
    Connection,
    Engine,
    Table,
    create_engine,
    delete,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from airoadmap.cohort.schema import (
    NAME_LEN,
    SCHEMA_VERSION,
    CohortAttempt,
    CohortBase,
    CohortMeta,
    CohortQuizReview,
    GradedSubmission,
    Learner,
)
from airoadmap.errors import AiroadmapError
from airoadmap.progress.models import utcnow

# The tables as Core objects (what insert_ignore and the queries take)
LEARNERS: Table = Learner.__table__  # type: ignore[assignment]
ATTEMPTS: Table = CohortAttempt.__table__  # type: ignore[assignment]
REVIEWS: Table = CohortQuizReview.__table__  # type: ignore[assignment]
GRADED: Table = GradedSubmission.__table__  # type: ignore[assignment]

# The tables a learner's rows live in, and the column holding the learner's name.
ROW_TABLES: dict[str, str] = {
    "cohort_learners": "name",
    "cohort_attempts": "learner",
    "cohort_quiz_reviews": "learner",
    "cohort_graded": "learner",
}
SENT_TABLES = ("cohort_attempts", "cohort_quiz_reviews")  # what learners insert (sync.py)
NAME_RE = re.compile(r"[a-z][a-z0-9_]*")
SQLITE_NOTE = (
    "SQLite has no access control: everyone who can open the file reads and changes every "
    "row. Use PostgreSQL for a real class."
)

# libpq/psycopg messages that mean "the server cannot be reached now" (rather than "wrong")
_OFFLINE = (
    "connection refused",
    "timeout expired",
    "timed out",
    "could not translate host name",
    "failed to resolve host",
    "name or service not known",
    "temporary failure in name resolution",
    "network is unreachable",
    "no route to host",
    "server closed the connection unexpectedly",
    "canceling statement due to statement timeout",
    "connection reset",
    "the database system is starting up",
    "the database system is shutting down",
)


class CohortError(AiroadmapError):
    """The cohort database or a workspace's cohort settings cannot be used as asked."""


class CohortOffline(CohortError):
    """The cohort database cannot be reached now (nothing is wrong with the settings)."""


@dataclass(frozen=True)
class CohortInfo:
    """The cohort's facts, from cohort_meta."""

    cohort_id: str
    name: str
    start_date: date
    hours_per_week: float
    schema_version: str


@dataclass(frozen=True)
class Created:
    """What `create` did."""

    info: CohortInfo
    existed: bool  # the cohort was there already: its facts were kept
    dialect: str
    roles: tuple[str, str] | None  # (learners, instructors) group roles on PostgreSQL


@dataclass(frozen=True)
class Member:
    """A learner or instructor added by `add_member`: the URL they connect with."""

    name: str
    kind: Literal["learner", "instructor"]
    url: str  # with the password (printed once); on SQLite the database's URL
    password: str | None  # None on SQLite
    generated: bool  # the password was made here (not given)


# -- URLs and connections ------------------------------------------------------------------


def parse_url(url: str | URL) -> URL:
    """The SQLAlchemy URL for `url`, any `postgresql[+driver]://` read as psycopg 3 (the
    driver the `cohort` extra installs). CohortError, one line, for what is not a database
    URL."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        raise CohortError(
            f"{str(url)!r} is not a database URL: use postgresql://USER@HOST:PORT/DB "
            "(or sqlite:///path/cohort.db to try it on one machine)."
        ) from None
    if parsed.drivername.split("+")[0] in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # the roles need psycopg's sql
    if parsed.get_backend_name() not in ("postgresql", "sqlite"):
        raise CohortError(
            f"The cohort database must be PostgreSQL or SQLite, not {parsed.drivername!r} "
            f"({shown(parsed)})."
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise CohortError(
            f"{shown(parsed)} names no file: use sqlite:///path/to/cohort.db."
        )
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_absolute():
        # a workspace syncs from any folder: keep where the file is, not where we are
        parsed = parsed.set(database=str(Path(parsed.database or "").resolve()))
    return parsed


def shown(url: str | URL) -> str:
    """The URL as it may be printed: without its password."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return "(not a URL)"
    return parsed.render_as_string(hide_password=True)


def connect(
    url: str | URL,
    *,
    timeout_s: int = 10,
    must_exist: bool = True,
    statement_timeout_s: float | None = None,
) -> Engine:
    """An engine for the cohort database; nothing is sent until it is used.

    timeout_s bounds the connection attempt (PostgreSQL; at least 2 s, libpq's minimum);
    statement_timeout_s, if given, each statement (a server that answers but is stuck).
    must_exist: a SQLite file that is not there is an error instead of a new empty database.
    """
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            path = Path(parsed.database or "")
            if must_exist and not path.is_file():
                raise CohortError(
                    f"No cohort database at {path}: the instructor creates it with "
                    f"`airoadmap cohort create {shown(parsed)}`."
                )
            return create_engine(parsed, connect_args={"timeout": 10})
        args: dict[str, Any] = {
            "connect_timeout": max(2, int(timeout_s)),
            "application_name": "airoadmap-cohort",
        }
        if statement_timeout_s is not None:
            args["options"] = f"-c statement_timeout={int(statement_timeout_s * 1000)}"
        return create_engine(parsed, connect_args=args, pool_pre_ping=True)
    except NoSuchModuleError:
        raise CohortError(
            f"No database driver is known by the name {parsed.drivername!r} ({shown(parsed)})."
        ) from None
    except ImportError:
        raise CohortError(
            f"Cannot use {shown(parsed)}: psycopg is not installed. "
            "pip install 'airoadmap[cohort]' (or 'psycopg[binary]')."
        ) from None


def reason(exc: BaseException) -> str:
    """The first line of what the database said."""
    orig = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(orig).strip().splitlines() if ln.strip()]
    return lines[0] if lines else type(orig).__name__


def is_offline(exc: BaseException) -> bool:
    """Whether a database error means the server cannot be reached now."""
    low = str(getattr(exc, "orig", None) or exc).lower()
    return any(marker in low for marker in _OFFLINE)


@contextmanager
def guard(url: str | URL, action: str) -> Iterator[None]:
    """Turn a database failure while doing `action` into one line: CohortOffline when the
    server cannot be reached, else CohortError saying what the server answered."""
    try:
        yield
    except AiroadmapError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        where = shown(url)
        why = reason(exc)
        if is_offline(exc):
            raise CohortOffline(f"The cohort database {where} cannot be reached ({why}).") from None
        low = why.lower()
        if "password authentication failed" in low or "no password supplied" in low:
            raise CohortError(
                f"The cohort database {where} refused the login ({why}): check the user and "
                "password in the URL the instructor gave you."
            ) from None
        if "does not exist" in low and "database" in low:
            raise CohortError(
                f"There is no database at {where} ({why}): check the URL, or create the "
                "database and run `airoadmap cohort create URL`."
            ) from None
        if "permission denied" in low:
            raise CohortError(
                f"Cannot {action} the cohort database {where}: {why}. This role may not: "
                "learners are added with `airoadmap cohort add-learner`, and the set-up "
                "needs the owner's URL."
            ) from None
        if "row-level security" in low:
            raise CohortError(
                f"Cannot {action} the cohort database {where}: {why}; a learner sends rows "
                "only in their own name (the URL's user): rejoin with `airoadmap cohort join URL`."
            ) from None
        raise CohortError(f"Cannot {action} the cohort database {where}: {why}.") from None


def _dialect(engine: Engine | Connection) -> str:
    return engine.dialect.name


# -- facts ---------------------------------------------------------------------------------


def read_info(conn: Connection, url: str | URL) -> CohortInfo:
    """The cohort's facts; CohortError when the database holds no cohort."""
    if not inspect(conn).has_table(CohortMeta.__tablename__):
        raise CohortError(
            f"{shown(url)} holds no cohort: the instructor sets it up with "
            "`airoadmap cohort create URL`."
        )
    facts = {m.key: m.value for m in conn.execute(select(CohortMeta.key, CohortMeta.value))}
    if "cohort_id" not in facts:
        raise CohortError(
            f"{shown(url)} holds a cohort whose set-up was cut off: the instructor reruns "
            "`airoadmap cohort create URL`."
        )
    version = facts.get("schema_version", "?")
    if version != SCHEMA_VERSION:
        raise CohortError(
            f"The cohort at {shown(url)} has schema version {version}, this airoadmap knows "
            f"{SCHEMA_VERSION}: install the airoadmap version your instructor uses."
        )
    return CohortInfo(
        cohort_id=facts["cohort_id"],
        name=facts.get("name", ""),
        start_date=date.fromisoformat(facts.get("start_date", date.today().isoformat())),
        hours_per_week=float(facts.get("hours_per_week", "10")),
        schema_version=version,
    )


def info(url: str | URL, *, timeout_s: int = 10) -> CohortInfo:
    """Connect and read the cohort's facts (CohortOffline / CohortError, one line)."""
    engine = connect(url, timeout_s=timeout_s)
    try:
        with guard(url, "read"), engine.connect() as conn:
            return read_info(conn, url)
    finally:
        engine.dispose()


# -- create --------------------------------------------------------------------------------


def group_roles(database: str) -> tuple[str, str]:
    """The learners' and instructors' group roles of a database (at most 63 characters)."""
    stem = database[: NAME_LEN - len("_instructors")]
    return f"{stem}_learners", f"{stem}_instructors"


def create(
    url: str | URL | Engine,
    *,
    name: str | None = None,
    start: date | None = None,
    hours_per_week: float = 10.0,
) -> Created:
    """Create the cohort's tables, facts and (PostgreSQL) roles, grants and row security.

    Safe to rerun: what exists is kept (the cohort's id, name, start and hours too) and the
    grants and policies are set again. url: an owner's or superuser's URL (or an engine).
    """
    if not 0 < hours_per_week <= 168:
        raise CohortError(
            f"--hours-per-week {hours_per_week:g}: give a number above 0, at most 168."
        )
    own = not isinstance(url, Engine)
    engine = connect(url, must_exist=False) if not isinstance(url, Engine) else url
    where = engine.url
    if _dialect(engine) == "sqlite":
        Path(engine.url.database or "").parent.mkdir(parents=True, exist_ok=True)
    try:
        with guard(where, "set up"), engine.begin() as conn:
            CohortBase.metadata.create_all(conn)
            facts = {m.key: m.value for m in conn.execute(select(CohortMeta.key, CohortMeta.value))}
            existed = "cohort_id" in facts
            if not existed:
                values = {
                    "cohort_id": str(uuid.uuid4()),
                    "name": name or (engine.url.database or "cohort").rsplit("/", 1)[-1],
                    "start_date": (start or date.today()).isoformat(),
                    "hours_per_week": f"{float(hours_per_week):g}",
                    "schema_version": SCHEMA_VERSION,
                    "created_at": utcnow().isoformat(),
                }
                conn.execute(delete(CohortMeta).where(CohortMeta.key.in_(list(values))))
                conn.execute(
                    insert(CohortMeta),
                    [{"key": k, "value": v} for k, v in values.items()],
                )
            roles = _secure(conn) if _dialect(conn) == "postgresql" else None
            cohort = read_info(conn, where)
    finally:
        if own:
            engine.dispose()
    return Created(info=cohort, existed=existed, dialect=_dialect(engine), roles=roles)


def _secure(conn: Connection) -> tuple[str, str]:
    """Group roles, grants and row-level security on PostgreSQL (idempotent)."""
    from psycopg import sql

    database = str(conn.execute(text("SELECT current_database()")).scalar())
    owner = str(conn.execute(text("SELECT current_user")).scalar())
    learners, instructors = group_roles(database)
    raw = conn.connection.dbapi_connection

    def run(template: str, **names: str) -> None:
        stmt = sql.SQL(template).format(**{k: sql.Identifier(v) for k, v in names.items()})
        conn.exec_driver_sql(stmt.as_string(raw))  # type: ignore[arg-type]

    for role in (learners, instructors):
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
        if exists.first() is None:
            run("CREATE ROLE {role} NOLOGIN", role=role)
    run("REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC", db=database)
    run("GRANT CONNECT ON DATABASE {db} TO {l}, {i}", db=database, l=learners, i=instructors)
    run("GRANT USAGE ON SCHEMA public TO {l}, {i}", l=learners, i=instructors)
    run("GRANT SELECT ON cohort_meta TO {l}", l=learners)
    run("GRANT SELECT, INSERT, UPDATE, DELETE ON cohort_meta TO {i}", i=instructors)
    for table, column in ROW_TABLES.items():
        sends = table in (*SENT_TABLES, "cohort_learners")
        learner_rights = "SELECT, INSERT" if sends else "SELECT"
        run(f"GRANT {learner_rights} ON {{t}} TO {{l}}", t=table, l=learners)
        run("GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {i}", t=table, i=instructors)
        run("ALTER TABLE {t} ENABLE ROW LEVEL SECURITY", t=table)
        run("ALTER TABLE {t} FORCE ROW LEVEL SECURITY", t=table)
        for policy in ("learner_own_rows", "instructor_all_rows", "owner_all_rows"):
            run("DROP POLICY IF EXISTS {p} ON {t}", p=policy, t=table)
        run(
            "CREATE POLICY learner_own_rows ON {t} FOR ALL TO {l} "
            "USING ({c} = current_user::text) WITH CHECK ({c} = current_user::text)",
            t=table, l=learners, c=column,
        )
        run(
            "CREATE POLICY instructor_all_rows ON {t} FOR ALL TO {i} USING (true) "
            "WITH CHECK (true)",
            t=table, i=instructors,
        )
        run(
            "CREATE POLICY owner_all_rows ON {t} FOR ALL TO {o} USING (true) WITH CHECK (true)",
            t=table, o=owner,
        )
    run(
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {l}, {i}",
        l=learners, i=instructors,
    )
    return learners, instructors


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """INSERT the rows, skipping any that conflicts with a unique key; how many went in."""
    if not rows:
        return 0
    from sqlalchemy.dialects import postgresql, sqlite

    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
    return len(conn.execute(stmt, list(rows)).all())


# -- members -------------------------------------------------------------------------------


def check_name(name: str) -> str:
    """A learner's or instructor's name: it is their PostgreSQL role, so keep it plain."""
    if not NAME_RE.fullmatch(name or "") or len(name) > NAME_LEN - 1 or name.startswith("pg_"):
        raise CohortError(
            f"{name!r} cannot be a member's name: use lowercase letters, digits and _, "
            f"starting with a letter, at most {NAME_LEN - 1} characters (e.g. ada_lovelace)."
        )
    return name


def add_member(
    url: str | URL,
    name: str,
    *,
    kind: Literal["learner", "instructor"] = "learner",
    password: str | None = None,
    reset_password: bool = False,
) -> Member:
    """Add a learner (a login role in the learners group and a cohort_learners row) or an
    instructor (a login role in the instructors group). Needs the owner's URL on PostgreSQL.

    A role that exists already is an error unless reset_password (then its password is set
    anew). On SQLite only the learner's row is written.
    """
    check_name(name)
    parsed = parse_url(url)
    engine = connect(parsed)
    try:
        with guard(parsed, f"add {kind} {name!r} to"), engine.begin() as conn:
            read_info(conn, parsed)
            if _dialect(conn) == "sqlite":
                if kind == "learner":
                    _insert_learner(conn, name)
                return Member(name, kind, shown(parsed), None, False)
            generated = password is None
            password = password or secrets.token_urlsafe(18)
            _login_role(conn, name, kind, password, reset_password)
            if kind == "learner":
                _insert_learner(conn, name)
    finally:
        engine.dispose()
    member_url = parsed.set(username=name, password=password)
    return Member(
        name, kind, member_url.render_as_string(hide_password=False), password, generated
    )


def _login_role(
    conn: Connection, name: str, kind: str, password: str, reset_password: bool
) -> None:
    from psycopg import sql

    database = str(conn.execute(text("SELECT current_database()")).scalar())
    learners, instructors = group_roles(database)
    group = learners if kind == "learner" else instructors
    raw = conn.connection.dbapi_connection
    row = conn.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"), {"r": name}
    ).first()
    if row is not None:
        if row[0] or name in (learners, instructors):
            raise CohortError(f"{name!r} is a role of the server that cannot be a {kind}.")
        if not reset_password:
            raise CohortError(
                f"The role {name!r} exists already: add --reset-password to give it a new "
                "password (its old one stops working), or choose another name."
            )
        stmt = sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(
            sql.Identifier(name), sql.Literal(password)
        )
        conn.exec_driver_sql(stmt.as_string(raw))  # type: ignore[arg-type]
        grant = sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name))
        conn.exec_driver_sql(grant.as_string(raw))  # type: ignore[arg-type]
        return
    stmt = sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
        sql.Identifier(name), sql.Literal(password), sql.Identifier(group)
    )
    conn.exec_driver_sql(stmt.as_string(raw))  # type: ignore[arg-type]


def _insert_learner(conn: Connection, name: str) -> None:
    """The learner's cohort_learners row, unless it is there (a rerun adds nothing)."""
    insert_ignore(conn, LEARNERS, [{"name": name, "joined_at": utcnow()}])


def ensure_learner(conn: Connection, name: str) -> None:
    """Record `name` as a learner of the cohort if they are not yet (`join`)."""
    _insert_learner(conn, name)


def members(conn: Connection) -> list[str]:
    """The learners' names the connection may see (all for an instructor, self for a
    learner on PostgreSQL)."""
    return list(conn.scalars(select(Learner.name).order_by(Learner.name)))


def current_user(conn: Connection) -> str | None:
    """The connection's role on PostgreSQL; None on SQLite."""
    if _dialect(conn) != "postgresql":
        return None
    return str(conn.execute(text("SELECT current_user")).scalar())
