"""`airoadmap capstone new | rubric`: scaffold the month-12 capstone, and grade it as a rubric."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from airoadmap.errors import AiroadmapError

capstone_app = typer.Typer(
    name="capstone",
    help="Your capstone (m12-capstone): scaffold the project, grade it as a rubric.",
    no_args_is_help=True,
)


def _exercise() -> tuple[Any, Any]:
    """The curriculum and the capstone exercise (one line when it is not in the roadmap)."""
    from airoadmap.capstone import EXERCISE, CapstoneError
    from airoadmap.curriculum.loader import curriculum

    cur = curriculum()
    if EXERCISE not in cur.exercises:
        raise CapstoneError(f"{EXERCISE} is not in this roadmap yet: update airoadmap")
    return cur, cur.exercises[EXERCISE]


@capstone_app.command("new")
def new(
    name: Annotated[str, typer.Argument(help="The project's name, e.g. titanic-survival.")],
    data: Annotated[
        str | None, typer.Option("--data", help="A table data set of `airoadmap data list`.")
    ] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Your own CSV file.")] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="The column to predict (two values).")
    ] = None,
    sensitive: Annotated[
        str | None,
        typer.Option("--sensitive", help='The column to audit fairness by ("" for none).'),
    ] = None,
) -> None:
    """Write the capstone project into the workspace's m12-capstone folder, for your data."""
    from airoadmap.capstone import EXERCISE, scaffold
    from airoadmap.cli.render import console, error
    from airoadmap.curriculum.loader import exercise_dir
    from airoadmap.workspace import Workspace

    try:
        cur, ex = _exercise()
        ws = Workspace.find()
        folder = ws.exercise_path(cur, ex)
        made = scaffold(
            folder,
            exercise_dir(EXERCISE) / "starter",
            list(ex.files),
            name,
            dataset=data,
            csv=csv,
            target=target,
            sensitive=sensitive,
        )
    except AiroadmapError as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    out = console()
    out.print(f"[bold]{name}[/] written in {made.folder} ({len(made.written)} files)")
    out.print(f"  data: {made.rows} rows, target {made.target!r}, {len(made.features)} features")
    out.print(
        f"  fairness audit by {made.sensitive!r}"
        if made.sensitive
        else "  no sensitive column found: name one with --sensitive, or say why in capstone.toml"
    )
    out.print(
        "Next: open capstone.toml and BRIEF.md, then work through each TODO(capstone); "
        f"`airoadmap capstone rubric` grades it ({EXERCISE})."
    )


@capstone_app.command("rubric")
def rubric_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the rubric as JSON.")] = False,
) -> None:
    """Grade the capstone now (an attempt, as `check m12-capstone`) and show the rubric."""
    from rich.table import Table

    from airoadmap.capstone import EXERCISE, rubric
    from airoadmap.checking import check_exercise
    from airoadmap.cli.render import console, error, outcome_text
    from airoadmap.results import Outcome

    try:
        _, ex = _exercise()
        report = check_exercise(EXERCISE)
    except AiroadmapError as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    graded = rubric(ex, report.checks)
    if as_json:
        sys.stdout.write(
            json.dumps(
                {
                    "exercise": EXERCISE,
                    "outcome": report.outcome.value,
                    "passed": graded.passed,
                    "total": graded.total,
                    "score": round(graded.score, 4),
                    "items": [vars(line) for line in graded.lines],
                },
                indent=2,
            )
            + "\n"
        )
    else:
        known = {o.value for o in Outcome}
        table = Table(title=f"{EXERCISE}: the rubric", show_lines=False)
        for column in ("item", "weight", "outcome", "what to do"):
            table.add_column(column)
        for line in graded.lines:
            todo = "" if line.outcome == "PASS" else line.message
            shown = outcome_text(Outcome(line.outcome)) if line.outcome in known else line.outcome
            table.add_row(line.check, f"{line.weight:g}", shown, todo)
        out = console()
        out.print(table)
        out.print(f"score {graded.passed:g} / {graded.total:g} ({graded.score:.0%})")
    if graded.passed < graded.total:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `capstone` group to the main app."""
    app.add_typer(capstone_app, name="capstone")
