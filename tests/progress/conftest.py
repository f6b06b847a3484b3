"""Fixtures: fresh progress stores on SQLite and on PostgreSQL.

`store` and `new_store` are parametrised by `backend` (test ids `sqlite` and `postgresql`):
a test that takes either runs once on a workspace's SQLite file and once on a fresh schema of
the test process's throwaway PostgreSQL server (tests/pgserver.py; the `postgresql` runs skip,
saying why, where no server can be started). Tests that are about SQLite itself (the file,
WAL, the sqlite3 quick writer, the daily copies) use `sqlite_store` or a path.

Only the PostgreSQL runs: `pytest tests/progress -k postgresql`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url

from airoadmap.progress.store import ENV_URL, ProgressStore
from tests.pgserver import PgServer

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: "sqlite" or "postgresql"."""
    return str(request.param)


@pytest.fixture(scope="session")
def pg_progress(pg_server: PgServer) -> Iterator[tuple[str, Engine]]:
    """One database of the test process's server for the progress tests, and a connection
    pool to it for making schemas."""
    url = pg_server.new_database()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield url, engine
    engine.dispose()


def _new_pg_schema(pg_progress: tuple[str, Engine]) -> str:
    """A new, empty schema, and a URL whose connections use it.

    A schema per test rather than a database per test: CREATE SCHEMA takes a tenth of a
    millisecond, CREATE DATABASE a tenth of a second or more (it copies a template). The
    connections also get a session time zone half an hour off any whole one (UTC-03:30, or
    -02:30 in summer), so a timestamp read or written in local time instead of UTC shows.
    """
    url, engine = pg_progress
    schema = f"s_{uuid.uuid4().hex[:12]}"
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    options = f"-c search_path={schema} -c timezone=America/St_Johns"
    return make_url(url).update_query_dict({"options": options}).render_as_string(False)


@pytest.fixture()
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes the URL of a new, empty database on the test's backend (one per call): a SQLite
    file, or a PostgreSQL schema (see _new_pg_schema)."""
    made = [0]

    def make() -> str:
        made[0] += 1
        if backend == "sqlite":
            folder = tmp_path / f"db{made[0]}"
            folder.mkdir()
            return f"sqlite:///{folder / 'progress.db'}"
        return _new_pg_schema(request.getfixturevalue("pg_progress"))

    return make


@pytest.fixture()
def new_store(db_url: Callable[[], str]) -> Iterator[Callable[[], ProgressStore]]:
    """Opens a store on a new database of the test's backend; all are closed at the end."""
    opened: list[ProgressStore] = []

    def make() -> ProgressStore:
        opened.append(ProgressStore.open(db_url()))
        return opened[-1]

    yield make
    for s in opened:
        s.close()


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ws" / ".airoadmap" / "progress.db"


@pytest.fixture()
def store(
    backend: str,
    db_path: Path,
    db_url: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[ProgressStore]:
    """The workspace's store as `for_workspace` opens it: the SQLite file, or the database
    that AIROADMAP_DATABASE_URL names (a fresh PostgreSQL schema)."""
    if backend == "postgresql":
        monkeypatch.setenv(ENV_URL, db_url())
    s = ProgressStore.for_workspace(db_path)
    if backend == "postgresql":
        with s._engine.connect() as conn:
            assert conn.exec_driver_sql("SHOW timezone").scalar() == "America/St_Johns"
    yield s
    s.close()
    if backend == "postgresql":
        assert not db_path.exists()  # the URL was used, not the workspace's file


@pytest.fixture()
def sqlite_store(db_path: Path) -> Iterator[ProgressStore]:
    """A store on the workspace's SQLite file, for the tests about SQLite itself."""
    s = ProgressStore.for_workspace(db_path)
    yield s
    s.close()
