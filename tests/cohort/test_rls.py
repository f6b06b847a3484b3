"""Row-level security on PostgreSQL: a learner reads and writes only their own rows; an
instructor sees the whole class. Each learner connects with the URL `add-learner` printed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, func, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from airoadmap.cohort import config, db, sync
from airoadmap.cohort.db import CohortError
from airoadmap.cohort.schema import (
    CohortAttempt,
    CohortMeta,
    CohortQuizReview,
    GradedSubmission,
    Learner,
)
from tests.cohort.memberkit import make_ws, record


def _attempt(learner: str, local_id: int) -> dict[str, object]:
    now = datetime.now(UTC)
    return {
        "learner": learner, "workspace_uid": "w", "local_id": local_id,
        "exercise_id": "m01-katas", "outcome": "PASS", "metrics": {}, "checks": [],
        "duration_s": 0.1, "code_hash": "h", "created_at": now, "received_at": now,
    }


def _graded(learner: str) -> dict[str, object]:
    return {
        "batch_id": "b", "learner": learner, "exercise_id": "m01-katas", "submission": learner,
        "code_hash": "h", "outcome": "PASS", "summary": "", "metrics": {}, "checks": [],
        "duration_s": 0.1, "worker": "w", "graded_at": datetime.now(UTC),
    }


@pytest.fixture()
def cohort(pg_url: str) -> dict[str, str]:
    """A cohort with learners a and b, an instructor, one row of each learner in every table."""
    db.create(pg_url, name="rls")
    tag = make_url(pg_url).database
    urls = {"owner": pg_url}
    for who, kind in (("a", "learner"), ("b", "learner"), ("teach", "instructor")):
        member = db.add_member(pg_url, f"{who}_{tag}", kind=kind)  # type: ignore[arg-type]
        urls[who] = member.url
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        for who in ("a", "b"):
            conn.execute(insert(CohortAttempt), [_attempt(f"{who}_{tag}", 1)])
            conn.execute(insert(GradedSubmission), [_graded(f"{who}_{tag}")])
    engine.dispose()
    return urls


def test_a_learner_sees_and_writes_only_their_own_rows(cohort: dict[str, str]) -> None:
    a = make_url(cohort["a"]).username or ""
    b = make_url(cohort["b"]).username or ""
    engine = create_engine(cohort["a"])
    try:
        with engine.begin() as conn:
            assert list(conn.scalars(select(CohortAttempt.learner))) == [a]
            assert list(conn.scalars(select(GradedSubmission.learner))) == [a]
            assert list(conn.scalars(select(Learner.name))) == [a]
            assert conn.scalar(select(func.count()).select_from(CohortMeta)) > 0
            conn.execute(insert(CohortAttempt), [_attempt(a, 2)])  # their own: allowed
        rls, denied = "violates row-level security", "permission denied"
        refused = [
            (insert(CohortAttempt).values(_attempt(b, 9)), rls),  # in b's name
            (
                insert(CohortQuizReview).values(
                    learner=b, workspace_uid="w", local_id=1, card_id="c", rating=3,
                    reviewed_at=datetime.now(UTC), due=datetime.now(UTC),
                ),
                rls,
            ),
            (insert(Learner).values(name=b + "x", joined_at=datetime.now(UTC)), rls),
            (insert(GradedSubmission).values(_graded(a)), denied),  # verdicts: instructors'
            (update(CohortAttempt).where(CohortAttempt.learner == b).values(outcome="F"), denied),
            (update(CohortAttempt).where(CohortAttempt.learner == a).values(outcome="F"), denied),
            (delete(CohortAttempt).where(CohortAttempt.learner == b), denied),
            (update(CohortMeta).values(value="x"), denied),
        ]
        for stmt, words in refused:
            with pytest.raises(DBAPIError, match=words), engine.begin() as conn:
                conn.execute(stmt)
    finally:
        engine.dispose()
    owner = create_engine(cohort["owner"])
    with owner.connect() as conn:
        rows = conn.execute(select(CohortAttempt.learner, CohortAttempt.outcome)).all()
    owner.dispose()
    assert sorted(rows) == sorted([(a, "PASS"), (a, "PASS"), (b, "PASS")])  # nothing changed


def test_an_instructor_sees_the_whole_class(cohort: dict[str, str]) -> None:
    engine = create_engine(cohort["teach"])
    try:
        with engine.begin() as conn:
            learners = sorted(conn.scalars(select(CohortAttempt.learner)))
            assert learners == sorted(make_url(cohort[w]).username for w in ("a", "b"))
            assert len(db.members(conn)) == 2
            conn.execute(insert(GradedSubmission), [{**_graded(learners[0]), "batch_id": "c"}])
    finally:
        engine.dispose()


def test_a_sync_in_another_learners_name_is_refused(
    cohort: dict[str, str], tmp_path: Path
) -> None:
    ws = make_ws(tmp_path / "ws")
    sync.join(ws, cohort["a"])
    record(ws, 2)
    member = config.load(ws)
    forged = config.Membership(**{**member.__dict__, "learner": make_url(cohort["b"]).username})
    config.save(ws, forged, make_url(cohort["a"]).password)
    with pytest.raises(CohortError, match="row-level security") as caught:
        sync.sync(ws)
    assert "\n" not in str(caught.value)
    with pytest.raises(CohortError, match="the URL's user"):
        sync.join(ws, cohort["a"], learner=make_url(cohort["b"]).username)


def test_a_role_outside_the_cohort_cannot_join(cohort: dict[str, str], tmp_path: Path) -> None:
    owner = make_url(cohort["owner"])
    stranger = f"eve_{owner.database}"
    engine = create_engine(cohort["owner"])
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {stranger} LOGIN PASSWORD 'pw'")
    engine.dispose()
    url = owner.set(username=stranger, password="pw").render_as_string(hide_password=False)
    with pytest.raises(CohortError, match="This role may not") as caught:
        sync.join(make_ws(tmp_path / "ws"), url)
    assert "permission denied" in str(caught.value) and "\n" not in str(caught.value)
    assert not config.joined(make_ws(tmp_path / "ws"))
