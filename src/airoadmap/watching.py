"""`airoadmap watch`: re-check the exercise whose file was just saved."""

from __future__ import annotations

import time
from pathlib import Path

from airoadmap.checking import check_exercise
from airoadmap.curriculum.loader import curriculum
from airoadmap.errors import UnknownIdError
from airoadmap.workspace import Workspace


def watch_workspace(only: str | None = None, *, limit: int | None = None) -> int:
    """Watch the workspace; on every save of a learner file, check its exercise.

    Returns the number of checks run (stops after `limit` checks when given).
    """
    from watchfiles import Change, watch

    from airoadmap.cli.render import console, render_report
    from airoadmap.hints import hint_line

    cur = curriculum()
    ws = Workspace.find()
    if only is not None and only not in cur.exercises:
        raise UnknownIdError("exercise", only, sorted(cur.exercises))
    files: dict[Path, str] = {}
    for ex in cur.exercises.values():
        if only is None or ex.id == only:
            for name in ex.files:
                files[(ws.exercise_path(cur, ex) / name).resolve()] = ex.id
    con = console()
    con.print(f"Watching {len(files)} files in {ws.root}: save one to check it (Ctrl-C stops).")
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
            con.rule(f"{eid} · {time.strftime('%H:%M:%S')} · {time.perf_counter() - started:.2f} s")
            render_report(con, report, hint_line(report))
            done += 1
            if limit is not None and done >= limit:
                return done
    return done
