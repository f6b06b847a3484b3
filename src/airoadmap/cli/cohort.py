"""`airoadmap cohort ...`: a class of learners on one database.

The commands live in two modules: cohort_members.py (create, add-learner, join, sync, status)
and cohort_grade.py (batch grading over Dask). This module only groups them.
"""

from __future__ import annotations

import typer

cohort_app = typer.Typer(
    name="cohort",
    help="A class on one database: set it up, join it, sync, grade every submission.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add `cohort` and its commands to the main app."""
    from airoadmap.cli import cohort_grade, cohort_members

    cohort_members.register(cohort_app)
    cohort_grade.register(cohort_app)
    app.add_typer(cohort_app, name="cohort")
