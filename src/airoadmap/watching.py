"""`airoadmap watch`: re-check the exercise whose file was just saved.

What is shown is the caller's business (the cli prints it): `on_ready` is told how many
files are watched where, `on_report` gets each exercise's report as it is checked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from airoadmap.checking import check_exercise
from airoadmap.curriculum.loader import curriculum
from airoadmap.errors import UnknownIdError
from airoadmap.results import GradeReport
from airoadmap.workspace import Workspace


def watch_workspace(
    only: str | None = None,
    *,
    on_ready: Callable[[int, Path], None],
    on_report: Callable[[str, GradeReport, float], None],
    limit: int | None = None,
) -> int:
    """Watch the workspace; on every save of a learner file, check its exercise.

    on_ready(number of files, workspace root) once watching; on_report(exercise id, report,
    seconds the check took) after each check. Returns the number of checks run (stops after
    `limit` checks when given).
    """
    from watchfiles import Change, watch

    cur = curriculum()
    ws = Workspace.find()
    if only is not None and only not in cur.exercises:
        raise UnknownIdError("exercise", only, sorted(cur.exercises))
    files: dict[Path, str] = {}
    for ex in cur.exercises.values():
        if only is None or ex.id == only:
            for name in ex.files:
                files[(ws.exercise_path(cur, ex) / name).resolve()] = ex.id
    on_ready(len(files), ws.root)
    done = 0
    for changes in watch(ws.root, debounce=50, step=20, rust_timeout=0, yield_on_timeout=False):
        due: list[str] = []
        for kind, path in changes:
            eid = files.get(Path(path).resolve())
            if eid is not None and kind != Change.deleted and eid not in due:
                due.append(eid)
        for eid in due:
            started = time.perf_counter()
            report = check_exercise(eid, ws=ws)
            on_report(eid, report, time.perf_counter() - started)
            done += 1
            if limit is not None and done >= limit:
                return done
    return done
