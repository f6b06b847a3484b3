"""Export the progress database to versioned JSON data, and import it back.

An export holds every progress table (attempts, hints used, solution reveals, schedule,
quiz reviews, track choices) without database ids, so it can be merged into any database.
Importing is idempotent: a row whose natural key is already present is skipped, so importing
the same file twice (or an export of a database that already holds part of it) adds nothing
twice.

Natural keys:
    attempts      (exercise_id, created_at, code_hash)
    hints_used    (exercise_id, key, tier, created_at)
    solution_reveals  (exercise_id, after_pass, created_at)
    quiz_reviews  (card_id, reviewed_at)
    track_choices (month, track, chosen_at): the newest choice per month counts
    schedule      the single row: the file's schedule replaces the database's (a new workspace
                  gets a default schedule at `init`, and an import is meant to restore a plan)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from airoadmap.errors import ProgressError
from airoadmap.progress.models import (
    CARD_ID_LEN,
    HASH_LEN,
    ID_LEN,
    Attempt,
    Base,
    HintUse,
    QuizReview,
    Reveal,
    ScheduleRow,
    TrackChoice,
    utcnow,
)
from airoadmap.progress.schedule import Schedule, describe_change
from airoadmap.progress.store import ProgressStore, jsonable
from airoadmap.results import Outcome

FORMAT = "airoadmap-progress"
FORMAT_VERSION = 1
TABLES = (
    "attempts",
    "hints_used",
    "solution_reveals",
    "schedule",
    "quiz_reviews",
    "track_choices",
)


def _utc(value: datetime) -> datetime:
    """Aware datetimes are converted to UTC; naive ones are taken as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


UTCTime = Annotated[datetime, AfterValidator(_utc)]
Id = Annotated[str, Field(min_length=1, max_length=ID_LEN)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AttemptRecord(_Record):
    """An attempt in an export."""

    exercise_id: Id
    outcome: Outcome
    metrics: dict[str, float | None]
    checks: list[dict[str, Any]]
    duration_s: Annotated[float, Field(ge=0), AfterValidator(_finite)]
    code_hash: Annotated[str, Field(max_length=HASH_LEN)]
    created_at: UTCTime


class HintRecord(_Record):
    """A hint tier shown, in an export."""

    exercise_id: Id
    key: Id
    tier: Annotated[int, Field(ge=1)]
    created_at: UTCTime


class RevealRecord(_Record):
    """A solution reveal, in an export."""

    exercise_id: Id
    after_pass: bool
    created_at: UTCTime


class ScheduleRecord(_Record):
    """The schedule, in an export."""

    start_date: date
    hours_per_week: Annotated[float, Field(gt=0, le=168)]


class QuizReviewRecord(_Record):
    """A quiz review, in an export."""

    card_id: Annotated[str, Field(min_length=1, max_length=CARD_ID_LEN)]
    rating: int
    state: dict[str, Any]
    reviewed_at: UTCTime
    due: UTCTime


class TrackChoiceRecord(_Record):
    """A choice of a month's specialization track, in an export."""

    month: Annotated[int, Field(ge=1, le=12)]
    track: Annotated[str, Field(min_length=1, max_length=ID_LEN)]
    chosen_at: UTCTime


class ProgressExport(_Record):
    """A whole export file."""

    format: Literal["airoadmap-progress"]
    format_version: Literal[1]
    exported_at: UTCTime
    attempts: list[AttemptRecord] = Field(default_factory=list)
    hints_used: list[HintRecord] = Field(default_factory=list)
    solution_reveals: list[RevealRecord] = Field(default_factory=list)
    schedule: ScheduleRecord | None = None
    quiz_reviews: list[QuizReviewRecord] = Field(default_factory=list)
    track_choices: list[TrackChoiceRecord] = Field(default_factory=list)


# What one row of each table is called in a summary: (singular, plural).
_NOUNS = {
    "attempts": ("attempt", "attempts"),
    "hints_used": ("hint shown", "hints shown"),
    "solution_reveals": ("solution reveal", "solution reveals"),
    "quiz_reviews": ("quiz review", "quiz reviews"),
    "track_choices": ("track choice", "track choices"),
}


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """Rows added and rows skipped (already present) by an import, per table, and the
    schedule before and after it (the file's schedule replaces the database's)."""

    added: dict[str, int]
    skipped: dict[str, int]
    schedule_before: Schedule | None = None
    schedule_after: Schedule | None = None
    replaced: bool = False  # the import replaced the progress (--replace)

    def __str__(self) -> str:
        parts = []
        for table, (one, many) in _NOUNS.items():
            n = self.added.get(table, 0)
            if n:
                parts.append(f"{n} {one if n == 1 else many}")
        skipped = sum(n for table, n in self.skipped.items() if table != "schedule")
        text = ("Added " + ", ".join(parts)) if parts else "Nothing new"
        text += f" ({skipped} already present)." if skipped else "."
        before = self.schedule_before
        if self.schedule_after is not None:
            change = describe_change(before, self.schedule_after)
            text += f" {change}" if change else ""
        elif self.replaced and before is not None:
            text += (
                " The schedule was removed (the file has none): `airoadmap schedule --start "
                f"{before.start_date.isoformat()} --hours {before.hours_per_week:g}` sets it again."
            )
        return text


def _iso(value: datetime) -> str:
    return _utc(value).isoformat()


def export_progress(store: ProgressStore) -> dict[str, Any]:
    """Every progress table as JSON-able data (format, format_version, exported_at, tables)."""
    with store._read() as session:
        attempts = session.scalars(select(Attempt).order_by(Attempt.created_at, Attempt.id))
        hints = session.scalars(select(HintUse).order_by(HintUse.created_at, HintUse.id))
        reveals = session.scalars(select(Reveal).order_by(Reveal.created_at, Reveal.id))
        quiz = session.scalars(select(QuizReview).order_by(QuizReview.reviewed_at, QuizReview.id))
        tracks = session.scalars(
            select(TrackChoice).order_by(TrackChoice.chosen_at, TrackChoice.id)
        )
        schedule = session.get(ScheduleRow, 1)
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": _iso(utcnow()),
            "attempts": [
                {
                    "exercise_id": a.exercise_id,
                    "outcome": a.outcome,
                    "metrics": a.metrics,
                    "checks": a.checks,
                    "duration_s": a.duration_s,
                    "code_hash": a.code_hash,
                    "created_at": _iso(a.created_at),
                }
                for a in attempts
            ],
            "hints_used": [
                {
                    "exercise_id": h.exercise_id,
                    "key": h.hint_key,
                    "tier": h.tier,
                    "created_at": _iso(h.created_at),
                }
                for h in hints
            ],
            "solution_reveals": [
                {
                    "exercise_id": r.exercise_id,
                    "after_pass": r.after_pass,
                    "created_at": _iso(r.created_at),
                }
                for r in reveals
            ],
            "schedule": None
            if schedule is None
            else {
                "start_date": schedule.start_date.isoformat(),
                "hours_per_week": schedule.hours_per_week,
            },
            "quiz_reviews": [
                {
                    "card_id": q.card_id,
                    "rating": q.rating,
                    "state": q.state,
                    "reviewed_at": _iso(q.reviewed_at),
                    "due": _iso(q.due),
                }
                for q in quiz
            ],
            "track_choices": [
                {"month": t.month, "track": t.track, "chosen_at": _iso(t.chosen_at)}
                for t in tracks
            ],
        }


def _validate(data: Any, source: str) -> ProgressExport:
    """The data as a ProgressExport, or a one-line ProgressError saying what is wrong."""
    if not isinstance(data, dict):
        raise ProgressError(
            f"{source} is not an airoadmap progress export (expected a JSON object)."
        )
    if data.get("format") != FORMAT:
        raise ProgressError(
            f"{source} is not an airoadmap progress export (its 'format' is not {FORMAT!r})."
        )
    version = data.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise ProgressError(
            f"{source} has export format version {version}, newer than this airoadmap reads "
            f"({FORMAT_VERSION}): upgrade airoadmap (pip install -U airoadmap)."
        )
    try:
        return ProgressExport.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise ProgressError(
            f"{source} is not a valid progress export: {where}: {first['msg']}{more}."
        ) from None


def _key_part(value: Any) -> Any:
    return _utc(value) if isinstance(value, datetime) else value


def _merge(
    session: Session, model: type[Base], key: tuple[str, ...], rows: list[dict[str, Any]]
) -> tuple[int, int]:
    """Insert the rows whose natural key is not in the table yet; return (added, skipped)."""
    columns = [getattr(model, name) for name in key]
    seen = {tuple(map(_key_part, found)) for found in session.execute(select(*columns))}
    new = []
    for row in rows:
        natural = tuple(_key_part(row[name]) for name in key)
        if natural not in seen:
            seen.add(natural)
            new.append(row)
    if new:
        session.execute(insert(model), new)
    return len(new), len(rows) - len(new)


def import_progress(
    store: ProgressStore, data: Any, *, replace: bool = False, source: str = "The import"
) -> ImportSummary:
    """Merge an export into the store in one transaction; rows already present are skipped.

    replace=True first deletes all progress in the store (attempts, hints, reveals, quiz
    reviews, track choices and the schedule), so the store ends up holding exactly the export.
    The data is validated before anything is written; a bad file changes nothing.
    """
    export = _validate(data, source)
    added = dict.fromkeys(TABLES, 0)
    skipped = dict(added)
    before: Schedule | None = None
    with store._write("import into", serial=True) as session:
        row = session.get(ScheduleRow, 1)
        if row is not None:
            before = Schedule(row.start_date, row.hours_per_week)
        if replace:
            for everything in (Attempt, HintUse, Reveal, QuizReview, TrackChoice, ScheduleRow):
                session.execute(delete(everything))

        merges: list[tuple[str, type[Base], tuple[str, ...], list[dict[str, Any]]]] = [
            (
                "attempts",
                Attempt,
                ("exercise_id", "created_at", "code_hash"),
                [
                    {
                        "exercise_id": a.exercise_id,
                        "outcome": a.outcome.value,
                        "metrics": jsonable(a.metrics),
                        "checks": jsonable(a.checks),
                        "duration_s": a.duration_s,
                        "code_hash": a.code_hash,
                        "created_at": a.created_at,
                    }
                    for a in export.attempts
                ],
            ),
            (
                "hints_used",
                HintUse,
                ("exercise_id", "hint_key", "tier", "created_at"),
                [
                    {
                        "exercise_id": h.exercise_id,
                        "hint_key": h.key,
                        "tier": h.tier,
                        "created_at": h.created_at,
                    }
                    for h in export.hints_used
                ],
            ),
            (
                "solution_reveals",
                Reveal,
                ("exercise_id", "after_pass", "created_at"),
                [
                    {
                        "exercise_id": r.exercise_id,
                        "after_pass": r.after_pass,
                        "created_at": r.created_at,
                    }
                    for r in export.solution_reveals
                ],
            ),
            (
                "quiz_reviews",
                QuizReview,
                ("card_id", "reviewed_at"),
                [
                    {
                        "card_id": q.card_id,
                        "rating": q.rating,
                        "state": jsonable(q.state),
                        "reviewed_at": q.reviewed_at,
                        "due": q.due,
                    }
                    for q in export.quiz_reviews
                ],
            ),
            (
                "track_choices",
                TrackChoice,
                ("month", "track", "chosen_at"),
                [
                    {"month": t.month, "track": t.track, "chosen_at": t.chosen_at}
                    for t in export.track_choices
                ],
            ),
        ]
        for table, model, key, rows in merges:
            added[table], skipped[table] = _merge(session, model, key, rows)

        if export.schedule is not None:
            plan = (export.schedule.start_date, export.schedule.hours_per_week)
            current = session.get(ScheduleRow, 1)
            if current is None:
                session.add(ScheduleRow(id=1, start_date=plan[0], hours_per_week=plan[1]))
                added["schedule"] += 1
            elif (current.start_date, current.hours_per_week) == plan:
                skipped["schedule"] += 1
            else:  # the file's plan wins (`init` sets a default one before an import);
                # the summary says what changed and how to put it back
                current.start_date, current.hours_per_week = plan
                added["schedule"] += 1
    after = None
    if export.schedule is not None:
        after = Schedule(export.schedule.start_date, export.schedule.hours_per_week)
    return ImportSummary(added, skipped, before, after, replaced=replace)


def export_to_file(store: ProgressStore, path: Path) -> int:
    """Write an export as JSON to `path` (atomically); return the number of attempts in it."""
    data = export_progress(store)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise ProgressError(
            f"Cannot write the export {path}: {exc.strerror or exc}. Choose another path."
        ) from None
    return len(data["attempts"])


def import_from_file(store: ProgressStore, path: Path, *, replace: bool = False) -> ImportSummary:
    """Read a JSON export from `path` and import it (see `import_progress`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProgressError(f"No export file at {path}. Check the path.") from None
    except UnicodeDecodeError as exc:
        raise ProgressError(not_text(path, exc)) from None
    except OSError as exc:
        raise ProgressError(f"Cannot read the export {path}: {exc.strerror or exc}.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProgressError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    return import_progress(store, data, replace=replace, source=str(path))


def not_text(path: Path, exc: UnicodeDecodeError) -> str:
    """The one-line message for an export file that is not UTF-8 text."""
    byte = exc.object[exc.start]
    return (
        f"{path} is not a progress export: it is not UTF-8 text (byte 0x{byte:02x} at offset "
        f"{exc.start}). Give the JSON file `airoadmap progress export` wrote."
    )
