"""`airoadmap run PROJECT --mine`: find the learner's passed code of a project's exercise.

A project runs the learner's files instead of the reference solution only when the latest
check of that exercise PASSED and the files still hash to the code hash graded then; anything
else is one line saying what to do. (Outside `lab`: it hashes as the grader does.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from airoadmap.errors import AiroadmapError
from airoadmap.grading.workcopy import code_hash
from airoadmap.lab.mine import LearnerCode
from airoadmap.results import Outcome


def learner_code_for(project_id: str, root: Path | None = None) -> LearnerCode:
    """The learner's passed code of the exercise that declares `project_id`, from the
    workspace (found from the current folder, or at `root`)."""
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.errors import WorkspaceError
    from airoadmap.lab.projects import projects
    from airoadmap.learner import open_store
    from airoadmap.workspace import Workspace

    known = projects()
    if project_id not in known:
        raise AiroadmapError(f"{project_id} is not a reference project (`airoadmap run --list`).")
    exercise_id = known[project_id].exercise
    try:
        ws = Workspace.find(root)
    except WorkspaceError:
        raise AiroadmapError(
            f"--mine runs your code of {exercise_id} from your workspace: cd into it (or run "
            f"`airoadmap run {project_id}` without --mine for the reference solution)."
        ) from None
    cur = curriculum()
    ex = cur.exercises[exercise_id]
    with open_store(ws) as store:
        rows = store.attempts(exercise_id)
    return check_passed(exercise_id, project_id, ws.exercise_path(cur, ex), ex.files, rows)


def check_passed(
    exercise_id: str, project_id: str, folder: Path, names: list[str], rows: list[Any]
) -> LearnerCode:
    """The learner's code when its latest attempt (of `rows`, oldest first) passed and the
    files in `folder` hash to the code hash graded then; else one line saying what to do."""
    again = f"then `airoadmap run {project_id} --mine` again"
    if not rows:
        raise AiroadmapError(
            f"--mine: you have not checked {exercise_id} yet: make it pass "
            f"(`airoadmap check {exercise_id}`), {again}."
        )
    latest = rows[-1]
    if latest.outcome != Outcome.PASS:
        raise AiroadmapError(
            f"--mine: your latest check of {exercise_id} is {Outcome(latest.outcome).value}, not "
            f"PASS: make it pass (`airoadmap check {exercise_id}`), {again}."
        )
    now = code_hash(folder, names)
    if not latest.code_hash or latest.code_hash != now:
        raise AiroadmapError(
            f"--mine: your files of {exercise_id} in {folder} changed since they passed: "
            f"check them again (`airoadmap check {exercise_id}`), {again}."
        )
    files = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}
    return LearnerCode(exercise_id, folder, files, now, latest.id, latest.created_at)
