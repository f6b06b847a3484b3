"""Checks from a notebook: `from airoadmap import check; check("m03-linreg")`.

A front end like the command line (it prints the report in the notebook's output), so it
lives with the cli: grading and recording are `airoadmap.checking`'s.
"""

from __future__ import annotations

from airoadmap.results import GradeReport


def check(exercise_id: str, *, quiet: bool = False) -> GradeReport:
    """Grade `exercise_id` in the workspace around the notebook, record it, print the result.

    Errors (no workspace, unknown id) are raised as `AiroadmapError` with a one-line message.
    """
    from airoadmap.checking import check_exercise

    report = check_exercise(exercise_id)
    if not quiet:
        from airoadmap.cli.render import console, render_report

        render_report(console(), report)
    return report
