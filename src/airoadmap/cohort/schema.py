"""The cohort database's tables: one database for a whole class.

Each learner keeps their own progress store (progress/); the cohort database receives a copy
of their attempts and quiz reviews (sync.py) and the verdicts of batch grading (batch.py).
Rows carry the learner's name; on PostgreSQL that name is the learner's database role, and
row-level security lets a learner read and write only rows with their own name (db.py).

A row sent by a learner is identified by (learner, workspace_uid, local_id): the id it has
in that learner's own store. The unique constraint makes a resend a no-op, so a sync that is
cut off and repeated never records an attempt twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from airoadmap.progress.models import CARD_ID_LEN, HASH_LEN, ID_LEN, OUTCOME_LEN, UTCDateTime

SCHEMA_VERSION = "1"
NAME_LEN = 63  # PostgreSQL's limit for a role name: a learner's name is their role
UID_LEN = 36  # a UUID in text form


class CohortBase(DeclarativeBase):
    """Declarative base of the cohort tables (separate from the learner's own store)."""


class CohortMeta(CohortBase):
    """Facts about the cohort: its id, name, start date, hours per week, schema version."""

    __tablename__ = "cohort_meta"

    key: Mapped[str] = mapped_column(String(ID_LEN), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Learner(CohortBase):
    """A learner of the cohort (on PostgreSQL: a login role of the cohort's learner group)."""

    __tablename__ = "cohort_learners"

    name: Mapped[str] = mapped_column(String(NAME_LEN), primary_key=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CohortAttempt(CohortBase):
    """A learner's own `check` of an exercise, as recorded in their store and synced here."""

    __tablename__ = "cohort_attempts"
    __table_args__ = (
        UniqueConstraint("learner", "workspace_uid", "local_id", name="uq_cohort_attempts_sent"),
        Index("ix_cohort_attempts_exercise", "exercise_id", "learner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner: Mapped[str] = mapped_column(String(NAME_LEN))
    workspace_uid: Mapped[str] = mapped_column(String(UID_LEN))
    local_id: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(ID_LEN))
    outcome: Mapped[str] = mapped_column(String(OUTCOME_LEN))
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    duration_s: Mapped[float] = mapped_column(Float)
    code_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CohortQuizReview(CohortBase):
    """A learner's review of a quiz card, synced from their store."""

    __tablename__ = "cohort_quiz_reviews"
    __table_args__ = (
        UniqueConstraint(
            "learner", "workspace_uid", "local_id", name="uq_cohort_quiz_reviews_sent"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner: Mapped[str] = mapped_column(String(NAME_LEN))
    workspace_uid: Mapped[str] = mapped_column(String(UID_LEN))
    local_id: Mapped[int] = mapped_column(Integer)
    card_id: Mapped[str] = mapped_column(String(CARD_ID_LEN))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due: Mapped[datetime] = mapped_column(UTCDateTime)


class GradedSubmission(CohortBase):
    """The verdict of batch grading (`cohort grade`) on one learner's submission.

    One row per (batch, learner, exercise): a submission regraded after a worker died
    replaces nothing and adds nothing (the insert is skipped on conflict).
    """

    __tablename__ = "cohort_graded"
    __table_args__ = (
        UniqueConstraint("batch_id", "learner", "exercise_id", name="uq_cohort_graded_once"),
        Index("ix_cohort_graded_exercise", "exercise_id", "learner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(String(UID_LEN))
    learner: Mapped[str] = mapped_column(String(NAME_LEN))
    exercise_id: Mapped[str] = mapped_column(String(ID_LEN))
    submission: Mapped[str] = mapped_column(Text)  # the folder graded, relative to DIR
    code_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    outcome: Mapped[str] = mapped_column(String(OUTCOME_LEN))
    summary: Mapped[str] = mapped_column(Text)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    duration_s: Mapped[float] = mapped_column(Float)
    worker: Mapped[str] = mapped_column(String(255))
    graded_at: Mapped[datetime] = mapped_column(UTCDateTime)
