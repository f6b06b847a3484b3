"""One check of one exercise: find the learner's files, grade them, record the attempt.

This is `airoadmap check`'s hot path: it imports neither pydantic nor Typer when given the
compiled curriculum (`curriculum/compiled.py`, see `cli/fastcheck.py`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airoadmap.curriculum.paths import exercise_dir
from airoadmap.errors import UnknownIdError, WorkspaceError
from airoadmap.results import GradeReport
from airoadmap.workspace import Workspace

if TYPE_CHECKING:
    from airoadmap.curriculum.models import Curriculum, Exercise

ENV_COHORT_SYNC = "AIROADMAP_COHORT_SYNC"  # "inline" or "off"; default: a detached process


def resolve_exercise(cur: Curriculum, ws: Workspace, given: str | None) -> Exercise:
    """The exercise named `given`, or the one the cwd is in, or the one edited last."""
    if given is not None:
        given = given.strip().lower()  # ids are lowercase: M03-LINREG means m03-linreg
        if given in cur.exercises:
            return cur.exercises[given]
        planned = {e for m in cur.months for e in m.planned}
        if given in planned:
            raise UnknownIdError("exercise (announced, not written yet)", given)
        raise UnknownIdError("exercise", given, sorted(cur.exercises))
    here = ws.exercise_at(cur, Path.cwd()) or ws.last_edited(cur)
    if here is None:
        raise WorkspaceError("No exercise given and none found here: `airoadmap check ID`.")
    return cur.exercises[here]


def check_exercise(
    exercise_id: str | None = None,
    *,
    ws: Workspace | None = None,
    record: bool = True,
    cur: Any = None,
) -> GradeReport:
    """Grade the learner's work on an exercise and store the attempt in their progress.

    cur: the curriculum, or its compiled form (the quick path); default: the full one, whose
    compiled form is then written for the next `check`.
    """
    from airoadmap.grading.grader import grade

    if cur is None:
        from airoadmap.curriculum import compiled
        from airoadmap.curriculum.loader import curriculum

        cur = curriculum()
        compiled.save(cur)
    ws = ws or Workspace.find()
    ex = resolve_exercise(cur, ws, exercise_id)
    report = grade(ex, exercise_dir(ex.id), ws.exercise_path(cur, ex))
    if record:
        record_report(ws, report)
    return report


def sync_cohort(ws: Workspace) -> subprocess.Popen[bytes] | None:
    """Send new attempts and reviews to the cohort the workspace joined, if any.

    Best effort and off the learner's path: a detached process does it (cohort/background.py:
    importing SQLAlchemy and psycopg and connecting, with a 2 s timeout, cost more than a
    small check), so a check is never slowed, offline or not; a failure is noted for
    `cohort status` and the rows wait in the local store for the next sync. Returns that
    process (None when there is nothing to do). AIROADMAP_COHORT_SYNC=inline syncs in this
    process instead (scripts that want it done on return), =off not at all.
    """
    if not (ws.meta_dir / "cohort.toml").is_file():  # one stat; no import when not joined
        return None
    mode = os.environ.get(ENV_COHORT_SYNC, "").strip().lower()
    try:
        if mode == "off":
            return None
        if mode == "inline":
            from airoadmap.cohort.sync import auto_sync

            auto_sync(ws)
            return None
        return subprocess.Popen(
            [sys.executable, "-m", "airoadmap.cohort.background", str(ws.root)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by the terminal's Ctrl-C
        )
    except Exception:  # a check never fails because of the cohort
        return None


def record_report(ws: Workspace, report: GradeReport) -> int:
    """Store a report as an attempt (the quick sqlite3 path when it applies, else the store),
    then send it to the workspace's cohort, if it joined one (best effort)."""
    attempt = _record(ws, report)
    sync_cohort(ws)
    return attempt


def _record(ws: Workspace, report: GradeReport) -> int:
    from airoadmap.progress.quickwrite import record_attempt_quick

    checks = [c.model_dump(mode="json") for c in report.checks]
    quick = record_attempt_quick(
        ws.db_path,
        exercise_id=report.exercise_id,
        outcome=report.outcome.value,
        metrics=report.metrics,
        checks=checks,
        duration_s=report.duration_s,
        code_hash=report.code_hash,
    )
    if quick is not None:
        return quick
    from airoadmap.progress.store import ProgressStore

    store = ProgressStore.for_workspace(ws.db_path, copies=ws.copies_dir)
    try:
        return store.record_report(report)
    finally:
        store.close()
