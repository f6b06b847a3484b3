"""A throwaway PostgreSQL server for the tests: one per test process, a database per test.

Where it comes from, first found wins:
1. Debian's PostgreSQL (`apt-get install postgresql`, what .ci/run installs best effort):
   initdb + pg_ctl in a temporary folder, run as the `postgres` user when the tests run as
   root (PostgreSQL refuses to run as root), fsync off, listening on loopback only.
2. The pip package `pgserver` (PostgreSQL 16 in a wheel), where apt is not available.
3. Neither: the tests that need it skip, saying why.

The superuser logs in with a password (scram-sha-256), so role and row-level-security tests
see the same authentication as a real server.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SUPERUSER = "postgres"
PASSWORD = "airoadmap-test"


@dataclass(frozen=True)
class PgServer:
    """A running server: the superuser's URL for any database, and fresh databases."""

    template: str  # a SQLAlchemy URL with {db} where the database name goes

    def url(self, database: str = "postgres") -> str:
        return self.template.format(db=database)

    def new_database(self) -> str:
        """Create an empty database and return its superuser URL."""
        from sqlalchemy import create_engine, text

        name = f"t_{uuid.uuid4().hex[:12]}"
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for this test process, or a skip saying why there is none."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install -e '.[postgres]'")
    bindir = apt_bindir()
    if bindir is not None:
        try:
            with apt_server(bindir) as server:
                yield server
        except ServerDidNotStart as exc:
            pytest.fail(str(exc))
        return
    try:
        import pgserver
    except ImportError:
        pytest.skip(
            "no PostgreSQL: apt-get install postgresql (or pip install pgserver) to run these"
        )
    yield from _pgserver_server(pgserver)


class ServerDidNotStart(RuntimeError):
    """initdb or pg_ctl failed: the message holds the end of the server's log."""


def apt_bindir() -> Path | None:
    """Debian's PostgreSQL programs, where they are installed and usable by this user."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found or (os.geteuid() == 0 and not shutil.which("runuser")):
        return None
    return Path(found[-1]).parent


@contextmanager
def apt_server(bindir: Path, *, durable: bool = False) -> Iterator[PgServer]:
    """Start a server in a temporary folder on a free loopback port; stop and delete it after.

    durable=False (the tests): fsync, synchronous commits and full-page writes off, which a
    throwaway database does not need. durable=True (benchmarks): a real server's settings.
    """
    root = Path(tempfile.mkdtemp(prefix="airoadmap-pg-"))
    data = root / "data"
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    port = _free_port()
    log = root / "log"
    subprocess.run(
        _as_postgres([
            str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "scram-sha-256",
            f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C",
            *([] if durable else ["--no-sync"]),
        ]),
        check=True, capture_output=True,
    )
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c max_connections=200"
    if not durable:
        opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    started = subprocess.run(
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts,
                      "-w", "-t", "60", "start"]),
        capture_output=True, text=True,
    )
    if started.returncode != 0:
        text = log.read_text() if log.exists() else started.stderr
        shutil.rmtree(root, ignore_errors=True)
        raise ServerDidNotStart(f"PostgreSQL did not start: {text[-2000:]}")
    try:
        yield PgServer(f"postgresql+psycopg://{SUPERUSER}:{PASSWORD}@127.0.0.1:{port}/{{db}}")
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def _pgserver_server(pgserver: Any) -> Iterator[PgServer]:
    root = Path(tempfile.mkdtemp(prefix="airoadmap-pgserver-"))
    srv = pgserver.get_server(str(root), cleanup_mode="stop")
    try:
        srv.psql(f"ALTER USER {SUPERUSER} PASSWORD '{PASSWORD}';")
        # get_uri gives postgresql://postgres:@/DB?host=SOCKETDIR (a Unix socket)
        uri = srv.get_uri("DBNAME").replace("postgresql://", "postgresql+psycopg://", 1)
        uri = uri.replace(f"{SUPERUSER}:@", f"{SUPERUSER}:{PASSWORD}@", 1)
        yield PgServer(uri.replace("DBNAME", "{db}"))
    finally:
        srv.cleanup()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture()
def pg_url(pg_server: PgServer) -> str:
    """The superuser URL of a fresh, empty database on the test process's server."""
    return pg_server.new_database()
