"""Consistency of the curriculum as a whole: ids unique, every reference resolves.

Each problem is one line `file:line: what is wrong`. Grading the starters and solutions is
done by `airoadmap.authoring.devcheck`, which calls this first.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from airoadmap.curriculum.loader import content_root, exercise_dir
from airoadmap.curriculum.models import Curriculum


def _line(path: Path, pattern: str) -> int:
    """The first line of `path` matching `pattern` (1 if none): where to point the reader."""
    try:
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(pattern, text):
                return n
    except OSError:
        pass
    return 1


def validate_structure(cur: Curriculum, root: Path | None = None) -> list[str]:
    """Every inconsistency between roadmap, months and exercises, one line each."""
    root = root or content_root()
    problems: list[str] = []
    roadmap_file = root / "roadmap.toml"

    def month_file(number: int) -> Path:
        return root / "months" / f"m{number:02d}.toml"

    # Months: exactly 1..12, each once, each in the phase that lists it.
    numbers = [m.number for m in cur.months]
    for number, count in Counter(numbers).items():
        if count > 1:
            problems.append(f"{month_file(number)}:1: month {number} is defined {count} times")
    for missing in sorted(set(range(1, 13)) - set(numbers)):
        problems.append(f"{month_file(missing)}:1: month {missing} is missing")

    phases = {p.id: p for p in cur.roadmap.phases}
    for pid, count in Counter(p.id for p in cur.roadmap.phases).items():
        if count > 1:
            problems.append(f"{roadmap_file}:{_line(roadmap_file, pid)}: phase {pid} repeated")
    listed = [n for p in cur.roadmap.phases for n in p.months]
    for number, count in Counter(listed).items():
        if count > 1:
            problems.append(f"{roadmap_file}:1: month {number} is in {count} phases")
    for month in cur.months:
        path = month_file(month.number)
        phase = phases.get(month.phase)
        if phase is None:
            line = _line(path, r"^\s*phase\s*=")
            problems.append(f"{path}:{line}: phase '{month.phase}' is not in roadmap.toml")
        elif month.number not in phase.months:
            problems.append(f"{path}:1: month {month.number} is not listed by phase {phase.id}")
        if not month.slug.startswith(f"m{month.number:02d}-"):
            line = _line(path, r"^\s*slug\s*=")
            problems.append(f"{path}:{line}: slug must start with 'm{month.number:02d}-'")

    # Exercises: each listed once, by the month it names, and existing on disk.
    extras = {e.id for e in cur.roadmap.extras}
    listed_ids = [e for m in cur.months for e in m.exercises]
    planned_ids = [e for m in cur.months for e in m.planned]
    for eid, count in Counter(listed_ids + planned_ids).items():
        if count > 1:
            problems.append(f"{root / 'months'}:1: exercise '{eid}' is listed {count} times")
    known = set(listed_ids) | set(planned_ids)
    for month in cur.months:
        path = month_file(month.number)
        for eid in month.exercises:
            if eid not in cur.exercises:
                line = _line(path, re.escape(f'"{eid}"'))
                problems.append(
                    f"{path}:{line}: exercise '{eid}' has no folder in exercises/ "
                    "(move it to `planned` until it is written)"
                )
            elif cur.exercises[eid].month != month.number:
                problems.append(
                    f"{exercise_dir(eid, root) / 'exercise.toml'}:"
                    f"{_line(exercise_dir(eid, root) / 'exercise.toml', r'^month')}: "
                    f"month = {cur.exercises[eid].month}, but it is listed in month {month.number}"
                )
        for eid in month.planned:
            if eid in cur.exercises:
                line = _line(path, re.escape(f'"{eid}"'))
                problems.append(f"{path}:{line}: '{eid}' exists: move it from planned to exercises")
            if not eid.startswith(f"m{month.number:02d}-"):
                line = _line(path, re.escape(f'"{eid}"'))
                problems.append(f"{path}:{line}: '{eid}' does not belong to month {month.number}")
        refs = [p.exercise for p in month.projects] + [k.exercise for k in month.knowledge]
        for ref in refs:
            if ref is not None and ref not in known:
                line = _line(path, re.escape(f'"{ref}"'))
                problems.append(f"{path}:{line}: exercise '{ref}' is not listed by any month")
        in_tracks: Counter[str] = Counter()
        for track in month.tracks:
            in_tracks.update(track.exercises)
            for eid in track.exercises:
                if eid not in month.exercises and eid not in month.planned:
                    line = _line(path, re.escape(f'"{eid}"'))
                    problems.append(
                        f"{path}:{line}: track '{track.id}' lists '{eid}', which is neither in "
                        "this month's exercises nor planned"
                    )
        for tid, count in Counter(t.id for t in month.tracks).items():
            if count > 1:
                problems.append(f"{path}:1: track '{tid}' is defined {count} times")
        for eid, count in in_tracks.items():
            if count > 1:
                line = _line(path, re.escape(f'"{eid}"'))
                problems.append(f"{path}:{line}: '{eid}' is in {count} tracks; keep it in one")
        for extra in month.extras:
            if extra not in extras:
                line = _line(path, re.escape(f'"{extra}"'))
                problems.append(f"{path}:{line}: extra '{extra}' is not defined in roadmap.toml")
    for phase in cur.roadmap.phases:
        for item in phase.knowledge:
            if item.exercise is not None and item.exercise not in known:
                line = _line(roadmap_file, re.escape(f'"{item.exercise}"'))
                problems.append(
                    f"{roadmap_file}:{line}: exercise '{item.exercise}' is not listed by any month"
                )
    used_extras = {x for m in cur.months for x in m.extras}
    for extra in sorted(extras - used_extras):
        line = _line(roadmap_file, re.escape(f'"{extra}"'))
        problems.append(f"{roadmap_file}:{line}: extra '{extra}' is not taught in any month")

    for eid, ex in cur.exercises.items():
        folder = exercise_dir(eid, root)
        toml = folder / "exercise.toml"
        if eid not in known:
            problems.append(f"{toml}:1: exercise '{eid}' is not listed by month {ex.month}")
        for needed in ("brief.md", ex.checks):
            if not (folder / needed).is_file():
                problems.append(f"{toml}:1: {needed} is missing from {folder}")
        for side in ("starter", "solution"):
            for name in ex.files:
                if not (folder / side / name).is_file():
                    line = _line(toml, r"^files\s*=")
                    problems.append(f"{toml}:{line}: {side}/{name} is missing")
        for project in ex.extra_projects:
            if project.id in cur.exercises or project.id in known:
                line = _line(toml, rf'id\s*=\s*"{re.escape(project.id)}"')
                problems.append(
                    f"{toml}:{line}: extra project '{project.id}' has the id of an exercise: "
                    "give it its own id"
                )
        keys = [h.key for h in ex.hints]
        for key, count in Counter(keys).items():
            if count > 1:
                line = _line(toml, rf'key\s*=\s*"{re.escape(key)}"')
                problems.append(f"{toml}:{line}: hint group '{key}' is defined {count} times")
    return problems
