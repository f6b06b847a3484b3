"""`cohort create` and its members: the tables, the facts, the roles; one line when it cannot."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from airoadmap.cohort import db, sync
from airoadmap.cohort.db import CohortError, CohortOffline
from tests.cohort.memberkit import dead_url, make_ws, record, sent
from tests.pgserver import PgServer


def test_create_on_sqlite_then_again_keeps_the_cohort(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'class' / 'cohort.db'}"
    made = db.create(url, name="Spring", start=date(2027, 1, 11), hours_per_week=8)
    assert (made.existed, made.dialect, made.roles) == (False, "sqlite", None)
    assert (made.info.name, made.info.start_date, made.info.hours_per_week) == (
        "Spring", date(2027, 1, 11), 8.0
    )
    again = db.create(url, name="Other", hours_per_week=20)
    assert again.existed and again.info == made.info  # rerun: kept as it was
    assert db.info(url) == made.info
    member = db.add_member(url, "ada")
    assert member.password is None and member.url == url
    db.add_member(url, "ada")  # a rerun adds no second row
    engine = create_engine(url)
    with engine.connect() as conn:
        assert db.members(conn) == ["ada"]
    engine.dispose()


def test_create_on_postgresql_sets_roles_and_forced_row_security(pg_url: str) -> None:
    made = db.create(pg_url, name="Pg class")
    database = make_url(pg_url).database or ""
    assert made.roles == (f"{database}_learners", f"{database}_instructors")
    assert db.create(pg_url).existed  # rerun: no error (roles, grants, policies set again)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        secured = dict(
            conn.execute(
                text(
                    "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class "
                    "WHERE relname LIKE 'cohort_%' AND relkind = 'r'"
                )
            ).all()
        )
        groups = conn.execute(
            text("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(:r)"),
            {"r": list(made.roles or ())},
        ).all()
    engine.dispose()
    assert secured == {
        "cohort_meta": False,
        "cohort_learners": True,
        "cohort_attempts": True,
        "cohort_quiz_reviews": True,
        "cohort_graded": True,
    }
    assert sorted(groups) == sorted((r, False) for r in made.roles or ())


def test_a_member_added_twice_needs_reset_password(pg_url: str) -> None:
    db.create(pg_url)
    name = f"ada_{make_url(pg_url).database}"
    first = db.add_member(pg_url, name, password="first-pw")
    assert make_url(first.url).password == "first-pw" and not first.generated
    with pytest.raises(CohortError, match="--reset-password"):
        db.add_member(pg_url, name)
    again = db.add_member(pg_url, name, reset_password=True)
    assert again.generated and again.password and again.password != "first-pw"
    assert db.info(again.url).cohort_id == db.info(pg_url).cohort_id  # the new one logs in
    with pytest.raises(CohortError, match="refused the login"):
        db.info(first.url)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u@localhost/db", "must be PostgreSQL or SQLite"),
        ("sqlite://", "names no file"),
    ],
)
def test_a_bad_url_is_one_line(url: str, words: str) -> None:
    with pytest.raises(CohortError, match=words) as caught:
        db.info(url)
    assert "\n" not in str(caught.value)


def test_what_is_not_a_cohort_is_one_line(tmp_path: Path, pg_url: str) -> None:
    with pytest.raises(CohortError, match="No cohort database at"):
        db.info(f"sqlite:///{tmp_path / 'none.db'}")
    assert not (tmp_path / "none.db").exists()  # looking made no empty database
    with pytest.raises(CohortError, match="holds no cohort"):
        db.info(pg_url)  # a database, but nobody ran `cohort create` in it
    with pytest.raises(CohortOffline, match="cannot be reached") as caught:
        db.info(dead_url(pg_url))
    assert "\n" not in str(caught.value) and "airoadmap-test" not in str(caught.value)
    with pytest.raises(CohortError, match="refused the login"):
        db.info(make_url(pg_url).set(password="wrong").render_as_string(hide_password=False))
    with pytest.raises(CohortError, match="no database at"):
        db.info(make_url(pg_url).set(database="nowhere").render_as_string(hide_password=False))


def test_an_owner_who_is_not_a_superuser_sets_up_and_adds(
    pg_server: PgServer, tmp_path: Path
) -> None:
    """A managed server gives the instructor a database and CREATEROLE, not a superuser."""
    tag = uuid.uuid4().hex[:8]
    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE prof_{tag} LOGIN CREATEROLE PASSWORD 'pw'")
        conn.exec_driver_sql(f"CREATE DATABASE course_{tag} OWNER prof_{tag}")
    admin.dispose()
    owner = make_url(pg_server.url(f"course_{tag}")).set(username=f"prof_{tag}", password="pw")
    made = db.create(owner)
    ada = db.add_member(owner, f"ada_{tag}")
    ws = make_ws(tmp_path / "ws")
    sync.join(ws, ada.url)
    ids = record(ws, 2)
    assert sync.sync(ws).attempts == 2
    assert sent(owner.render_as_string(hide_password=False), f"ada_{tag}") == (ids, [])
    assert made.roles == (f"course_{tag}_learners", f"course_{tag}_instructors")
