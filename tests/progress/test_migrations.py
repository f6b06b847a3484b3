"""The schema's migrations: shipped, in step with the models, and upgrading keeps data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from airoadmap.progress import migrate
from airoadmap.progress.models import Base
from airoadmap.progress.schedule import Schedule
from airoadmap.progress.store import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    ProgressStore,
    make_engine,
)
from airoadmap.results import Outcome


def test_store_constants_match_the_shipped_migrations() -> None:
    assert migrate.script_heads() == [HEAD_REVISION]
    assert tuple(migrate.script_revisions()) == KNOWN_REVISIONS
    assert len(KNOWN_REVISIONS) >= 2  # so the upgrade path below is real


def _schema_diff(store: ProgressStore) -> list[object]:
    """What differs between the ORM models and the database's schema (nothing, when sound)."""
    with store._engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _tables(store: ProgressStore) -> set[str]:
    with store._engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def test_up_down_and_up_again_match_the_models(db_url: Callable[[], str]) -> None:
    """base -> head, head -> base, base -> head on both databases; the migrated schema is
    what the models say, column types included, each time it is at head."""
    url = db_url()
    with ProgressStore.open(url) as store:  # base -> head
        assert store.revision() == HEAD_REVISION
        assert _schema_diff(store) == []
        assert _tables(store) == set(Base.metadata.tables) | {"alembic_version"}
        store.record_attempt("m01-a", "PASS")
        with store._write_engine.connect() as conn, conn.begin():
            command.downgrade(migrate.alembic_config(connection=conn), "base")
        assert store.revision() is None
        assert _tables(store) <= {"alembic_version"}  # every table of ours dropped
        assert _schema_diff(store) != []  # (so the comparison above can fail)
    with ProgressStore.open(url) as store:  # base -> head again
        assert store.revision() == HEAD_REVISION
        assert _schema_diff(store) == []
        assert store.attempts() == []
        store.record_attempt("m01-b", "FAIL")
        assert [a.id for a in store.attempts()] == [1]
        assert store.meta()["created_with"].startswith("airoadmap ")


def _store_at(url: str, revision: str) -> ProgressStore:
    engine, where = make_engine(url)
    store = ProgressStore(engine, where)
    store._upgrade(revision)
    return store


def test_upgrade_from_the_first_revision_keeps_the_data(db_url: Callable[[], str]) -> None:
    url = db_url()
    sqlite = url.startswith("sqlite")
    # timestamps as each database kept them: SQLite as SQLAlchemy writes them (UTC, no zone),
    # PostgreSQL as timestamptz literals (the session's zone is far from UTC: see conftest)
    zone = "" if sqlite else "+00"
    old = _store_at(url, "0001")
    with old._engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        assert not inspect(conn).has_table("quiz_reviews")
    with old._write() as session:  # rows as the first release wrote them, in portable SQL
        session.execute(
            text(
                "INSERT INTO attempts (exercise_id, outcome, metrics, checks, duration_s,"
                " code_hash, created_at) VALUES (:e, :o, :m, :c, :d, :h, :t)"
            ),
            [
                {
                    "e": "m01-katas",
                    "o": "FAIL",
                    "m": '{"score": 0.5}',
                    "c": '[{"name": "a", "outcome": "FAIL"}]',
                    "d": 1.5,
                    "h": "h1",
                    "t": "2025-01-02 10:00:00.000000" + zone,
                },
                {
                    "e": "m01-katas",
                    "o": "PASS",
                    "m": "{}",
                    "c": "[]",
                    "d": 0.5,
                    "h": "h2",
                    "t": "2025-01-03 10:00:00.000000" + zone,
                },
            ],
        )
        session.execute(
            text(
                "INSERT INTO hints_used (exercise_id, hint_key, tier, created_at)"
                " VALUES ('m01-katas', 'general', 2, :t)"
            ),
            {"t": "2025-01-02 09:00:00.000000" + zone},
        )
        session.execute(
            text(
                "INSERT INTO schedule (id, start_date, hours_per_week) VALUES (1, '2025-01-01', 8)"
            )
        )
    old.close()

    with ProgressStore.open(url) as store:
        assert store.revision() == HEAD_REVISION
        attempts = store.attempts()
        assert [(a.outcome, a.metrics, a.code_hash) for a in attempts] == [
            (Outcome.FAIL, {"score": 0.5}, "h1"),
            (Outcome.PASS, {}, "h2"),
        ]
        assert attempts[0].checks == [{"name": "a", "outcome": "FAIL"}]
        assert attempts[0].created_at == datetime(2025, 1, 2, 10, tzinfo=UTC)
        assert store.best_outcomes() == {"m01-katas": Outcome.PASS}
        assert store.hints_used("m01-katas") == {"general": 2}
        assert store.get_schedule() == Schedule(date(2025, 1, 1), 8.0)
        # the table the second revision added works
        store.record_quiz_review("m01-q", 3, {"s": 1.0}, datetime(2025, 2, 1, tzinfo=UTC))
        assert len(store.quiz_reviews()) == 1
        # new rows go after the old ones
        new_id = store.record_attempt("m02-eda", "FAIL")
        assert new_id > max(a.id for a in attempts)
        assert store.integrity_check() == "ok"


def test_downgrade_keeps_the_older_tables_data(db_url: Callable[[], str]) -> None:
    url = db_url()
    with ProgressStore.open(url) as store:
        store.record_attempt("m01-a", "PASS")
        store.record_track(8, "nlp")
        with store._write_engine.connect() as conn, conn.begin():
            command.downgrade(migrate.alembic_config(connection=conn), "0001")
        assert store.revision() == "0001"
        assert "track_choices" not in _tables(store)
    with ProgressStore.open(url) as store:
        assert store.revision() == HEAD_REVISION
        assert store.passed() == {"m01-a"}
        assert store.tracks() == {}


def test_migrations_render_as_postgresql_sql(capsys: pytest.CaptureFixture[str]) -> None:
    """Offline mode: every migration compiles for PostgreSQL (portable DDL, no server)."""
    cfg = migrate.alembic_config(url="postgresql+psycopg://u@localhost/db")
    command.upgrade(cfg, "head", sql=True)
    out = capsys.readouterr().out
    assert "CREATE TABLE attempts" in out
    assert "CREATE TABLE quiz_reviews" in out
    assert "TIMESTAMP WITH TIME ZONE" in out
    assert "PRAGMA" not in out
