"""The learner's progress: the store (SQLite or PostgreSQL), export/import, the schedule.

    store.py      ProgressStore: attempts, hints used, solution reveals, schedule, quiz reviews
    models.py     the tables (SQLAlchemy ORM); migrations/ creates and upgrades them (Alembic)
    migrate.py    runs the migrations (imported only when the schema is not the newest)
    exchange.py   export_progress / import_progress: versioned JSON, idempotent import
    schedule.py   compute_status: month N of 12, ahead or behind, next exercise (pure)

Names are loaded on first use, so `import airoadmap.progress.schedule` stays free of SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from airoadmap.progress.exchange import (
        ImportSummary,
        export_progress,
        export_to_file,
        import_from_file,
        import_progress,
    )
    from airoadmap.progress.schedule import (
        MonthProgress,
        Schedule,
        ScheduleStatus,
        compute_schedule,
        compute_status,
        curriculum_status,
        describe,
    )
    from airoadmap.progress.store import AttemptRow, ProgressStore, QuizReviewRow

_WHERE = {
    "ProgressStore": "store",
    "AttemptRow": "store",
    "QuizReviewRow": "store",
    "export_progress": "exchange",
    "import_progress": "exchange",
    "export_to_file": "exchange",
    "import_from_file": "exchange",
    "ImportSummary": "exchange",
    "Schedule": "schedule",
    "ScheduleStatus": "schedule",
    "MonthProgress": "schedule",
    "compute_schedule": "schedule",
    "compute_status": "schedule",
    "curriculum_status": "schedule",
    "describe": "schedule",
}

__all__ = [
    "AttemptRow",
    "ImportSummary",
    "MonthProgress",
    "ProgressStore",
    "QuizReviewRow",
    "Schedule",
    "ScheduleStatus",
    "compute_schedule",
    "compute_status",
    "curriculum_status",
    "describe",
    "export_progress",
    "export_to_file",
    "import_from_file",
    "import_progress",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'airoadmap.progress' has no attribute {name!r}")
    return getattr(import_module(f"airoadmap.progress.{module}"), name)
