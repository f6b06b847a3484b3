"""Run the shipped Alembic migrations against the progress database.

Imported only when the stored schema revision is not the newest one (a fresh database, or
one written by an older airoadmap): Alembic is slow to import, and `airoadmap check` opens
the store on every run.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, insert, text

from airoadmap import __version__
from airoadmap.progress.common import HEAD_REVISION
from airoadmap.progress.models import Meta
from airoadmap.progress.store import PG_WRITE_LOCK, stored_revision

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic configuration for the shipped migrations, without any alembic.ini."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_revisions() -> list[str]:
    """All revision ids of the shipped migrations, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def script_heads() -> list[str]:
    """The head revision ids of the shipped migrations (exactly one when they are sound)."""
    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def upgrade(write_engine: Engine, target: str = "head") -> str | None:
    """Upgrade the database to `target` in one write transaction; return the revision before.

    `write_engine` must open write transactions (BEGIN IMMEDIATE on SQLite; on PostgreSQL the
    store's advisory lock is taken here), so that a second process opening the same new
    database waits here and then finds it already upgraded. A failing migration rolls the
    whole upgrade back.
    """
    with write_engine.connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":  # so two processes never migrate at once
            # (the store's serial engine took it already; taken again, it is held once more)
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})
        before = stored_revision(conn)
        if before == HEAD_REVISION and target == "head":
            return before  # another process upgraded it while this one waited for the lock
        command.upgrade(alembic_config(connection=conn), target)
        if before is None:
            conn.execute(insert(Meta).values(key="created_with", value=f"airoadmap {__version__}"))
    return before
