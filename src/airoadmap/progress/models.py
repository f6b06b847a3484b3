"""The progress database as SQLAlchemy ORM tables.

The schema itself is created and changed only by the Alembic migrations in `migrations/`;
these classes must describe the same tables as the newest migration (a test compares them).
Every column type here is portable: the same tables work on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

ID_LEN = 64  # exercise ids, hint keys
CARD_ID_LEN = 128
HASH_LEN = 128
OUTCOME_LEN = 16


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (UTC).

    SQLite keeps no time zone, PostgreSQL does: this type makes both give the same value.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: progress timestamps must be aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """Now, timezone-aware, in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of the progress tables."""


class Attempt(Base):
    """One `check` of one exercise: its outcome, metrics and per-check results."""

    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_exercise_created", "exercise_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    exercise_id: Mapped[str] = mapped_column(String(ID_LEN))
    outcome: Mapped[str] = mapped_column(String(OUTCOME_LEN))  # an Outcome value
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # CheckResult dicts
    duration_s: Mapped[float] = mapped_column(Float)
    code_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HintUse(Base):
    """A hint tier the learner asked for."""

    __tablename__ = "hints_used"
    __table_args__ = (Index("ix_hints_used_exercise", "exercise_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    exercise_id: Mapped[str] = mapped_column(String(ID_LEN))
    hint_key: Mapped[str] = mapped_column(String(ID_LEN))
    tier: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Reveal(Base):
    """The learner looked at the reference solution (before or after passing)."""

    __tablename__ = "reveals"
    __table_args__ = (Index("ix_reveals_exercise", "exercise_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    exercise_id: Mapped[str] = mapped_column(String(ID_LEN))
    after_pass: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScheduleRow(Base):
    """The learner's plan: one row (id 1), start date and hours per week."""

    __tablename__ = "schedule"
    __table_args__ = (CheckConstraint("id = 1", name="ck_schedule_single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    start_date: Mapped[date] = mapped_column(Date)
    hours_per_week: Mapped[float] = mapped_column(Float)


class QuizReview(Base):
    """One review of a quiz card: the rating given and the card's scheduler state after it."""

    __tablename__ = "quiz_reviews"
    __table_args__ = (
        Index("ix_quiz_reviews_card", "card_id", "reviewed_at"),
        Index("ix_quiz_reviews_due", "due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[str] = mapped_column(String(CARD_ID_LEN))
    rating: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due: Mapped[datetime] = mapped_column(UTCDateTime)


class TrackChoice(Base):
    """One choice of a month's specialization track; the newest per month counts, and the
    older ones stay as history (changing the track deletes nothing)."""

    __tablename__ = "track_choices"
    __table_args__ = (Index("ix_track_choices_month", "month", "chosen_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[int] = mapped_column(Integer)
    track: Mapped[str] = mapped_column(String(ID_LEN))
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Meta(Base):
    """Facts about the database file itself (e.g. which airoadmap version created it)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(ID_LEN), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
