"""`airoadmap dev check`: the content is consistent, every starter reads NOT_ATTEMPTED and
every solution PASSes its own checks (each graded in the real sandbox)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from airoadmap.curriculum.loader import content_root, exercise_dir, load_curriculum
from airoadmap.curriculum.validate import validate_structure
from airoadmap.errors import UnknownIdError
from airoadmap.grading.outcome import GradeReport, Outcome


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
        for side, expected in (("starter", Outcome.NOT_ATTEMPTED), ("solution", Outcome.PASS)):
            results.append(SideResult(eid, side, expected, grade_side(eid, side, root)))
        problems += _unknown_hint_keys(cur.exercises[eid].hints, results[-1].report, root, eid)
    return problems, results


def _unknown_hint_keys(hints: list, report: GradeReport, root: Path, eid: str) -> list[str]:
    keys = {h.key for h in hints}
    toml = exercise_dir(eid, root) / "exercise.toml"
    return [
        f"{toml}:1: check '{c.name}' names hint group '{c.hint}', which is not defined"
        for c in report.checks
        if c.hint is not None and c.hint not in keys
    ]


def run_dev_check(only: str | None = None) -> bool:
    """Print every problem and each exercise's two sides; True when all is well."""
    from rich.text import Text

    from airoadmap.cli.render import console, outcome_text

    con = console()
    problems, results = check_content(only)
    for line in problems:
        con.print(Text(line, style="red"), soft_wrap=True)
    for r in results:
        mark = Text("ok  ", style="green") if r.ok else Text("BAD ", style="bold red")
        con.print(
            Text.assemble(
                mark,
                f"{r.exercise_id} {r.side}: ",
                outcome_text(r.report.outcome),
                f" (expected {r.expected.value}, {r.report.duration_s:.2f} s)",
            ),
            soft_wrap=True,
        )
        if not r.ok:
            for c in r.report.checks:
                if c.outcome != r.expected:
                    con.print(f"     {c.name}: {c.outcome.value} {c.message}", soft_wrap=True)
    ok = not problems and all(r.ok for r in results)
    con.print(
        Text(
            "content ok" if ok else "content has problems", style="bold green" if ok else "bold red"
        )
    )
    return ok
