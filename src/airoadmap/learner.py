"""What the learner has done and may see next: status, hints, solutions, export and import.

The CLI, the notebook helper and the dashboard call these; each opens the progress store of
the workspace, does one thing and closes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from airoadmap.curriculum.loader import curriculum, exercise_dir
from airoadmap.curriculum.models import Curriculum, Exercise, Month
from airoadmap.errors import AiroadmapError, UnknownIdError, WorkspaceError
from airoadmap.hints import Hint, next_hint, pick_group
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.workspace import Workspace


@contextmanager
def open_store(ws: Workspace) -> Iterator[ProgressStore]:
    store = ProgressStore.for_workspace(ws.db_path, copies=ws.copies_dir)
    try:
        yield store
    finally:
        store.close()


@dataclass
class Status:
    """The roadmap with the learner's progress and schedule."""

    curriculum: Curriculum
    workspace: Workspace | None
    best: dict[str, Outcome] = field(default_factory=dict)
    schedule: Any = None  # airoadmap.progress.schedule.ScheduleStatus
    cards_due: dict[int, int] = field(default_factory=dict)  # month -> quiz cards due now
    tracks: dict[int, str] = field(default_factory=dict)  # month -> the chosen track

    def counted(self, month: Month) -> list[str]:
        """The month's exercises that count for progress under the learner's track."""
        return month.counted(self.tracks.get(month.number))

    @property
    def passed(self) -> set[str]:
        return {eid for eid, o in self.best.items() if o == Outcome.PASS}

    def headline(self) -> list[str]:
        """Where the learner stands, in a few lines of Rich markup."""
        if self.workspace is None:
            return ["No workspace yet: `airoadmap init DIR` creates one."]
        from airoadmap.progress.schedule import describe

        lines = describe(self.schedule)
        current = self.schedule.current_month if self.schedule is not None else 1
        for m in self.curriculum.months:
            if m.tracks and m.number not in self.tracks and current >= m.number - 1:
                names = ", ".join(t.id for t in m.tracks)
                lines.append(
                    f"Month {m.number} has tracks ({names}): `airoadmap track NAME` picks yours; "
                    f"{m.tracks[0].id} counts until then."
                )
        due = sum(self.cards_due.values())
        if due:
            lines.append(f"Quiz: {due} card{'s' if due != 1 else ''} due: `airoadmap quiz`.")
        return lines

    def as_dict(self) -> dict[str, Any]:
        months = []
        for m in self.curriculum.months:
            counted = self.counted(m)
            row: dict[str, Any] = {
                "number": m.number,
                "title": m.title,
                "phase": m.phase,
                "exercises": len(counted),
                "passed": sum(e in self.passed for e in counted),
                "planned": len(m.planned),
            }
            track = m.track(self.tracks.get(m.number))
            if track is not None:
                row["track"] = track.id
                row["track_chosen"] = m.number in self.tracks
                row["optional"] = [e for e in m.exercises if e not in counted]
            months.append(row)
        sched = self.schedule.as_dict() if self.schedule is not None else None
        return {
            "workspace": str(self.workspace.root) if self.workspace else None,
            "best": {k: v.value for k, v in self.best.items()},
            "months": months,
            "schedule": sched,
            "cards_due": {str(k): v for k, v in sorted(self.cards_due.items())},
        }


def load_status(*, require_workspace: bool = True, today: date | None = None) -> Status:
    """Read the curriculum, the workspace's progress and compute the schedule."""
    cur = curriculum()
    try:
        ws = Workspace.find()
    except WorkspaceError:
        if require_workspace:
            raise
        return Status(cur, None)
    with open_store(ws) as store:
        return status_from_store(cur, ws, store, today or date.today())


def status_from_store(
    cur: Curriculum, ws: Workspace, store: ProgressStore, today: date, now: datetime | None = None
) -> Status:
    """The status of a known workspace from its open store (no search from the cwd)."""
    from airoadmap.progress.schedule import compute_schedule
    from airoadmap.quiz.session import due_counts

    st = Status(
        cur, ws, store.best_outcomes(), cards_due=due_counts(cur, store, now), tracks=store.tracks()
    )
    plan = store.get_schedule()
    if plan is not None:
        st.schedule = compute_schedule(
            cur, plan.start_date, plan.hours_per_week, today, st.passed, st.tracks
        )
    return st


def month_with_tracks(cur: Curriculum, number: int | None) -> Month:
    """The month whose track is meant: `number`, or the one month that has tracks."""
    with_tracks = [m for m in cur.months if m.tracks]
    if number is None:
        if len(with_tracks) != 1:
            listed = ", ".join(str(m.number) for m in with_tracks) or "none"
            raise AiroadmapError(f"Say which month: --month N (months with tracks: {listed}).")
        return with_tracks[0]
    month = next((m for m in cur.months if m.number == number), None)
    if month is None or not month.tracks:
        listed = ", ".join(str(m.number) for m in with_tracks) or "none"
        raise AiroadmapError(
            f"Month {number} has no tracks to choose from (months with tracks: {listed})."
        )
    return month


def choose_track(store: ProgressStore, month: Month, given: str) -> str:
    """Record the learner's track for `month`; returns the line that says what now counts.
    Changing the track deletes nothing: attempts of every track stay, and the old choice
    stays in the history."""
    key = given.strip().lower()
    track = next((t for t in month.tracks if t.id == key), None)
    if track is None:
        raise AiroadmapError(
            f"Unknown track '{given}' for month {month.number}: choose one of "
            f"{', '.join(t.id for t in month.tracks)} (`airoadmap track` describes them)."
        )
    before = store.tracks().get(month.number)
    if before != track.id:
        store.record_track(month.number, track.id)
    counted = ", ".join(month.counted(track.id))
    others = ", ".join(t.id for t in month.tracks if t.id != track.id)
    was = "" if before in (None, track.id) else f" (was {before}; every attempt is kept)"
    return (
        f"Month {month.number} track: {track.id} ({track.title}){was}. Your progress and "
        f"schedule count {counted}; the {others} tracks stay open as optional work."
    )


def find_exercise(cur: Curriculum, given: str) -> Exercise:
    """The exercise with id `given`, in any case ("M03-LINREG"); else one line with the
    closest id."""
    key = given.strip().lower()
    if key in cur.exercises:
        return cur.exercises[key]
    raise UnknownIdError("exercise", given, sorted(cur.exercises))


def check_database_url() -> None:
    """A bad AIROADMAP_DATABASE_URL (syntax, unknown or missing driver) as one line, before
    anything is written; the server itself is reached only when the store opens."""
    import os

    from airoadmap.progress.store import ENV_URL, make_engine

    url = os.environ.get(ENV_URL, "").strip()
    if url:
        make_engine(url, source=ENV_URL)[0].dispose()


def plan_schedule(
    store: ProgressStore,
    cur: Curriculum,
    start: date | None,
    hours: float | None,
    *,
    default: bool = False,
) -> str | None:
    """Change the schedule's start and/or hours (the rest stays); with `default`, also set
    today and the roadmap's hours when there is no schedule. Returns the line that says what
    changed (None when nothing did)."""
    from airoadmap.progress.schedule import Schedule, describe_change

    current = store.get_schedule()
    if start is None and hours is None and (current is not None or not default):
        return None
    plan = Schedule(
        start if start is not None else (current.start_date if current else date.today()),
        hours
        if hours is not None
        else (current.hours_per_week if current else cur.roadmap.hours_per_week),
    )
    if plan != current:
        store.set_schedule(plan.start_date, plan.hours_per_week)
    return describe_change(current, plan)


def take_hint(exercise_id: str, key: str | None) -> Hint:
    """The next hint tier for the learner, recorded in their progress."""
    cur = curriculum()
    ex = find_exercise(cur, exercise_id)
    exercise_id = ex.id
    ws = Workspace.find()
    with open_store(ws) as store:
        attempts = store.attempts(exercise_id)
        last_checks = attempts[-1].checks if attempts else None
        used = store.hints_used(exercise_id)
        group = pick_group(ex, last_checks, key, used)
        hint = next_hint(ex, group, used)
        store.record_hint(exercise_id, hint.key, hint.tier)
    return hint


def open_solution(exercise_id: str, reveal: bool) -> list[tuple[str, str, str]]:
    """The solution files as (name, code, note); allowed after a pass or an explicit reveal."""
    cur = curriculum()
    ex = find_exercise(cur, exercise_id)
    exercise_id = ex.id
    ws = Workspace.find()
    with open_store(ws) as store:
        passed = store.best_outcomes().get(exercise_id) == Outcome.PASS
        if not passed and not reveal:
            raise AiroadmapError(
                f"{exercise_id} has not passed yet: pass its checks first, or use "
                "`--reveal` to see the solution now (recorded in your progress)."
            )
        store.record_reveal(exercise_id, after_pass=passed)
    note = "" if passed else "Revealed before passing (recorded)."
    folder = exercise_dir(ex.id) / "solution"
    return [(name, (folder / name).read_text(encoding="utf-8"), note) for name in ex.files]


def export_to(file: Path | None) -> str | None:
    """Write the progress as JSON to `file` (atomically) or to stdout; for a file, return a
    one-line summary of what was written."""
    from airoadmap.progress.exchange import export_progress

    ws = Workspace.find()
    with open_store(ws) as store:
        data = export_progress(store)
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    if file is None:
        print(text, end="")
        return None
    tmp = file.with_name(file.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(file)
    except OSError as exc:
        raise AiroadmapError(f"Cannot write {file}: {exc.strerror}.") from exc
    counts = [
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in (
            (len(data["attempts"]), "attempt"),
            (len(data["hints_used"]), "hint"),
            (len(data["quiz_reviews"]), "quiz review"),
        )
    ]
    return f"Wrote {counts[0]}, {counts[1]} used and {counts[2]} to {file}."


def import_from(file: Path, *, replace: bool) -> str:
    """Load a progress export into this workspace; returns a one-line summary."""
    from airoadmap.progress.exchange import import_progress, not_text

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise AiroadmapError(not_text(file, exc)) from None
    except OSError as exc:
        raise AiroadmapError(f"Cannot read {file}: {exc.strerror}.") from exc
    except json.JSONDecodeError as exc:
        raise AiroadmapError(f"{file}:{exc.lineno}: not valid JSON ({exc.msg}).") from exc
    except RecursionError:
        raise AiroadmapError(f"{file}: nested too deeply to be a progress export.") from None
    ws = Workspace.find()
    with open_store(ws) as store:
        result = import_progress(store, data, replace=replace, source=str(file))
    return f"From {file}: {result}"


def restore_progress(source: Path | None, *, force: bool) -> str:
    """Put back the newest daily copy of the progress database (or `source`); a summary."""
    from airoadmap.progress.backup import restore

    ws = Workspace.find()
    return restore(ws.db_path, ws.copies_dir, source=source, force=force)


def run_target(given: str, out: Path | None) -> tuple[str, Path]:
    """The reference project to run (any case) and the folder its runs go under, checked
    before anything runs: an exercise without a project, an unknown id, or no workspace
    and no --out (a run never litters the current folder with runs/) is one line."""
    from airoadmap.lab.projects import projects

    key = given.strip().lower()
    known = projects()
    if key not in known:
        cur = curriculum()
        if key in cur.exercises:
            raise AiroadmapError(
                f"{key} is an exercise, not a reference project: edit its files in your "
                f"workspace and `airoadmap check {key}` grades them (`airoadmap show {key}` is "
                "its brief); `airoadmap run --list` shows the reference projects."
            )
        raise UnknownIdError("project", given, sorted(known))
    if out is not None:
        return key, out
    try:
        return key, Workspace.find().runs_dir
    except WorkspaceError:
        raise WorkspaceError(
            f"No workspace here for the artifacts of {key} (they go to its runs/ folder): cd "
            "into your workspace (`airoadmap init DIR` creates one), or give --out DIR."
        ) from None
