"""Alembic environment for the progress database.

At run time `airoadmap.progress.migrate.upgrade` passes an open connection (already inside a
write transaction) through `config.attributes["connection"]`. A developer adding a revision
uses the same configuration from Python, against a scratch database at head:

    from alembic import command
    from airoadmap.progress.migrate import alembic_config
    command.revision(alembic_config("sqlite:///scratch.db"), "what changed", autogenerate=True)
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from airoadmap.progress.models import Base

config = context.config
target_metadata = Base.metadata


def _configure_kwargs(dialect_name: str) -> dict[str, object]:
    return {
        "target_metadata": target_metadata,
        "render_as_batch": dialect_name == "sqlite",  # SQLite alters tables by copying them
        "compare_type": True,
        # The store runs every migration inside one transaction it opened (BEGIN IMMEDIATE on
        # SQLite), so a failed upgrade leaves the database at its old revision.
        "transactional_ddl": True,
    }


def run_migrations_offline() -> None:
    """Write the SQL to stdout instead of running it (`alembic upgrade --sql`)."""
    url = config.get_main_option("sqlalchemy.url")
    dialect = (url or "sqlite").split(":", 1)[0].split("+", 1)[0]
    context.configure(url=url, literal_binds=True, **_configure_kwargs(dialect))  # type: ignore[arg-type]
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run against the connection the store gave, or one made from sqlalchemy.url."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, **_configure_kwargs(connection.dialect.name))  # type: ignore[arg-type]
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            context.configure(connection=conn, **_configure_kwargs(conn.dialect.name))  # type: ignore[arg-type]
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
