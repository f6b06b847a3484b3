"""`airoadmap dev check`: the content is consistent, every starter reads NOT_ATTEMPTED and
every solution PASSes its own checks (each graded in the real sandbox).

Beyond the curriculum's own validation (`curriculum.validate`), it reports what only an
author's check can: files in an exercise folder that nothing declares, metric bars declared
in exercise.toml that the checks never record on the solution (so `expect_bar` is not used
under that name), and reference projects whose entry module does not exist. The cli prints
the result (`airoadmap.cli.dev`); nothing here prints.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from airoadmap.curriculum.loader import content_root, exercise_dir, load_curriculum
from airoadmap.curriculum.models import Exercise
from airoadmap.curriculum.validate import validate_structure
from airoadmap.errors import UnknownIdError
from airoadmap.results import GradeReport, Outcome

# Never an author's file: caches that Python and tools leave next to the sources.
IGNORED = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".DS_Store"})


@dataclass(frozen=True)
class SideResult:
    """One side (starter or solution) of one exercise, graded."""

    exercise_id: str
    side: str
    expected: Outcome
    report: GradeReport

    @property
    def ok(self) -> bool:
        return self.report.outcome == self.expected


def grade_side(exercise_id: str, side: str, root: Path | None = None) -> GradeReport:
    """Grade the starter or the solution of an exercise from a temporary copy."""
    from airoadmap.grading.grader import grade

    cur = load_curriculum(root)
    ex = cur.exercises[exercise_id]
    src = exercise_dir(exercise_id, root)
    with tempfile.TemporaryDirectory(prefix=f"airoadmap-dev-{exercise_id}-") as tmp:
        work = Path(tmp) / "learner"
        shutil.copytree(src / side, work)
        return grade(ex, src, work, shortcut_untouched=False)


def check_content(
    only: str | None = None, root: Path | None = None
) -> tuple[list[str], list[SideResult]]:
    """Structure problems (one line each) and the graded sides of every exercise."""
    root = root or content_root()
    cur = load_curriculum(root)
    problems = validate_structure(cur, root)
    if only is None:
        from airoadmap.quiz.validate import validate_cards

        problems += validate_cards(cur, root)
    if only is not None and only not in cur.exercises:
        raise UnknownIdError("exercise", only, sorted(cur.exercises))
    results: list[SideResult] = []
    for eid in sorted(cur.exercises):
        if only is not None and eid != only:
            continue
        ex = cur.exercises[eid]
        problems += stray_files(ex, root) + _missing_project_entry(ex, root)
        for side, expected in (("starter", Outcome.NOT_ATTEMPTED), ("solution", Outcome.PASS)):
            results.append(SideResult(eid, side, expected, grade_side(eid, side, root)))
        solution = results[-1].report
        problems += _unknown_hint_keys(ex.hints, solution, root, eid)
        if solution.outcome == Outcome.PASS:
            problems += _unrecorded_bars(ex, solution, root)
    return problems, results


def declared_files(ex: Exercise) -> set[str]:
    """Every file of an exercise folder that something declares (relative, with "/")."""
    return {
        "exercise.toml",
        "brief.md",
        "mutation.toml",  # declared-harmless mutants (authoring/mutation/), optional
        ex.checks,
        *(f"{side}/{name}" for side in ("starter", "solution") for name in ex.files),
    }


def stray_files(ex: Exercise, root: Path | None = None) -> list[str]:
    """One line per file in the exercise's folder that nothing declares (caches ignored)."""
    folder = exercise_dir(ex.id, root)
    declared = declared_files(ex)
    found: list[str] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if IGNORED & set(rel.parts) or path.suffix == ".pyc" or path.is_dir():
            continue
        if rel.as_posix() not in declared:
            found.append(
                f"{path}: stray file: nothing declares it (exercise.toml's files = {ex.files}, "
                "each in starter/ and solution/): remove it, or list it in files"
            )
    return found


def _unrecorded_bars(ex: Exercise, report: GradeReport, root: Path | None) -> list[str]:
    toml = exercise_dir(ex.id, root) / "exercise.toml"
    text = toml.read_text(encoding="utf-8") if toml.is_file() else ""
    problems: list[str] = []
    for name in sorted(set(ex.bars) - set(report.metrics)):
        pattern = re.compile(rf"\s*{re.escape(name)}\s*=")
        line = next((n for n, t in enumerate(text.splitlines(), 1) if pattern.match(t)), 1)
        problems.append(
            f"{toml}:{line}: bar '{name}' is declared but the checks never record it on the "
            f"solution: judge it with expect_bar(ctx, {name!r}, value)"
        )
    return problems


def _missing_project_entry(ex: Exercise, root: Path | None) -> list[str]:
    declared = [("[project]", ex.project)] if ex.project is not None else []
    declared += [(f"extra project '{p.id}'", p) for p in ex.extra_projects]
    problems = []
    for what, project in declared:
        module = project.entry.split(":")[0]
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            toml = exercise_dir(ex.id, root) / "exercise.toml"
            problems.append(f"{toml}:1: {what} entry names the module {module}, which is missing")
    return problems


def _unknown_hint_keys(hints: list, report: GradeReport, root: Path, eid: str) -> list[str]:
    keys = {h.key for h in hints}
    toml = exercise_dir(eid, root) / "exercise.toml"
    return [
        f"{toml}:1: check '{c.name}' names hint group '{c.hint}', which is not defined"
        for c in report.checks
        if c.hint is not None and c.hint not in keys
    ]
