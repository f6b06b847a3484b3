"""The schema's migrations: shipped, in step with the models, and upgrading keeps data."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

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


def test_models_match_the_newest_migration(tmp_path: Path) -> None:
    with ProgressStore.for_workspace(tmp_path / "p.db") as store, store._engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    assert diff == []


def _store_at(url: str, revision: str) -> ProgressStore:
    engine, where = make_engine(url)
    store = ProgressStore(engine, where)
    store._upgrade(revision)
    return store


def test_upgrade_from_the_first_revision_keeps_the_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
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
                    "t": "2025-01-02 10:00:00.000000",
                },
                {
                    "e": "m01-katas",
                    "o": "PASS",
                    "m": "{}",
                    "c": "[]",
                    "d": 0.5,
                    "h": "h2",
                    "t": "2025-01-03 10:00:00.000000",
                },
            ],
        )
        session.execute(
            text(
                "INSERT INTO hints_used (exercise_id, hint_key, tier, created_at)"
                " VALUES ('m01-katas', 'general', 2, '2025-01-02 09:00:00.000000')"
            )
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


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with ProgressStore.open(url) as store:
        store.record_attempt("m01-a", "PASS")
        with store._write_engine.connect() as conn, conn.begin():
            command.downgrade(migrate.alembic_config(connection=conn), "0001")
        assert store.revision() == "0001"
    with ProgressStore.open(url) as store:
        assert store.revision() == HEAD_REVISION
        assert store.passed() == {"m01-a"}


def test_migrations_render_as_postgresql_sql(capsys: pytest.CaptureFixture[str]) -> None:
    """Offline mode: every migration compiles for PostgreSQL (portable DDL, no server)."""
    cfg = migrate.alembic_config(url="postgresql+psycopg://u@localhost/db")
    command.upgrade(cfg, "head", sql=True)
    out = capsys.readouterr().out
    assert "CREATE TABLE attempts" in out
    assert "CREATE TABLE quiz_reviews" in out
    assert "TIMESTAMP WITH TIME ZONE" in out
    assert "PRAGMA" not in out
