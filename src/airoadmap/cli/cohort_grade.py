"""`airoadmap cohort grade DIR --exercise ID --db URL`: grade a class's submissions over Dask."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from airoadmap.errors import AiroadmapError

if TYPE_CHECKING:
    from rich.console import Console

    from airoadmap.cohort.batch import BatchResult

SLOWEST = 5  # submissions listed in the summary's "slowest" table


def register(cohort_app: typer.Typer) -> None:
    """Add `grade` to `airoadmap cohort`."""
    cohort_app.command("grade")(grade)


def grade(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="The folder holding one folder per learner (workspace or files)."
        ),
    ],
    exercise: Annotated[str, typer.Option("--exercise", "-e", help="The exercise to grade.")],
    db: Annotated[
        str,
        typer.Option(
            "--db",
            help="The cohort database (postgresql://USER:PASSWORD@HOST/DB, or sqlite:///PATH).",
        ),
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="A Dask scheduler (tcp://host:8786); default: this machine."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Worker processes of the local cluster (default: one per core).",
        ),
    ] = None,
    resume: Annotated[
        str | None,
        typer.Option(
            "--resume", help="Finish a cut-off batch: grade only its learners not yet recorded."
        ),
    ] = None,
) -> None:
    """Grade every learner's submission of an exercise in the sandbox, spread over a Dask
    cluster, and record the verdicts in the cohort database (never in the learners' own).

    A learner is the `learner` of their workspace's .airoadmap/cohort.toml when present, else
    the folder's name. Exit 0 when every submission was graded, whatever the verdicts.
    """
    from airoadmap.cli.render import console, error

    try:
        result = _run(folder, exercise, db, scheduler, workers, resume)
    except AiroadmapError as exc:
        error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    _summary(console(), result)
    if result.failed:
        who = ", ".join(s.learner for s, _ in result.failed[:3])
        more = f" and {len(result.failed) - 3} more" if len(result.failed) > 3 else ""
        error(
            f"{len(result.failed)} submissions not graded ({who}{more}): see above; "
            f"`airoadmap cohort grade ... --resume {result.batch_id}` grades just those."
        )
        raise typer.Exit(1)


def _run(
    folder: Path,
    exercise_id: str,
    db: str,
    scheduler: str | None,
    workers: int | None,
    resume: str | None,
) -> BatchResult:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from airoadmap.cli.render import console
    from airoadmap.cohort import batch
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.errors import UnknownIdError

    if resume is not None:
        resume = batch.check_batch_id(resume)
    cur = curriculum()
    given = exercise_id.strip().lower()
    if given not in cur.exercises:
        raise UnknownIdError("exercise", exercise_id, sorted(cur.exercises))
    ex = cur.exercises[given]
    subs, skipped = batch.find_submissions(folder, cur, ex)
    if not subs:
        raise batch.BatchError(
            f"No submissions of {ex.id} in {folder}: it should hold one folder per learner, "
            f"a workspace or a folder with {', '.join(ex.files)}."
        )
    engine = batch.open_cohort_db(db)
    con = console()
    if skipped:
        con.print(
            f"Skipped {len(skipped)} folders with no {', '.join(ex.files)}: "
            f"{', '.join(skipped[:5])}{' ...' if len(skipped) > 5 else ''}",
            style="yellow",
            markup=False,
        )
    try:
        with batch.dask_client(scheduler, workers or batch.default_workers(ex)) as client:
            n = batch.worker_count(client, scheduler)
            where = f"the cluster at {scheduler}" if scheduler else "a local cluster"
            con.print(
                f"Grading {len(subs)} submissions of {ex.id} on {where} of {n} workers.",
                markup=False,
            )
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=con,
            ) as progress:
                task = progress.add_task(ex.id, total=len(subs))

                def advance(verdict: batch.Verdict | None, done: int, total: int) -> None:
                    label = (
                        f"{verdict.submission.learner}: {verdict.report.outcome.value}"
                        if verdict
                        else "not graded"
                    )
                    progress.update(
                        task, completed=done, total=total, description=f"{ex.id} ({label})"
                    )

                return batch.grade_batch(
                    subs, ex, engine, batch_id=resume, on_verdict=advance, client=client
                )
    finally:
        engine.dispose()


def _summary(con: Console, result: BatchResult) -> None:
    """Counts per outcome, the slowest submissions, and what was not graded."""
    from rich.table import Table

    from airoadmap.cli.render import outcome_text
    from airoadmap.results import Outcome

    counts = Table(title=f"{result.exercise_id}: verdicts", title_justify="left")
    counts.add_column("outcome")
    counts.add_column("submissions", justify="right")
    for outcome in Outcome:
        n = sum(1 for v in result.verdicts if v.report.outcome is outcome)
        if n:
            counts.add_row(outcome_text(outcome), str(n))
    con.print(counts)
    slow = sorted(result.verdicts, key=lambda v: v.report.duration_s, reverse=True)[:SLOWEST]
    if slow:
        table = Table(title="slowest", title_justify="left")
        for name in ("learner", "outcome", "seconds", "worker"):
            table.add_column(name, justify="right" if name == "seconds" else "left")
        for v in slow:
            table.add_row(
                v.submission.learner,
                outcome_text(v.report.outcome),
                f"{v.report.duration_s:.2f}",
                v.worker,
            )
        con.print(table)
    for sub, why in result.failed:
        con.print(f"not graded: {sub.learner} ({sub.relative}): {why}", style="red", markup=False)
    resent = sum(1 for v in result.verdicts if not v.written)
    line = (
        f"{len(result.verdicts)} graded on {result.workers} workers in {result.wall_s:.1f} s "
        f"({result.per_minute:.0f} a minute), recorded in batch {result.batch_id}"
    )
    if result.already:
        line += f"; {len(result.already)} already recorded by the earlier run"
    if resent:
        line += f"; {resent} were already in the database"
    con.print(line + ".", markup=False)
