"""The `airoadmap` command: thin Typer commands over the other parts.

Every command turns an `AiroadmapError` into one line on stderr and a non-zero exit; any other
exception becomes one line too (set AIROADMAP_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from airoadmap.errors import AiroadmapError

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="airoadmap",
    help="The AI Engineering Roadmap as software: 12 months of exercises with checks, "
    "hints, solutions and your progress.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # sub-commands inherit it
)
data_app = typer.Typer(help="Data sets: where they are, fetch, verify.", no_args_is_help=True)
progress_app = typer.Typer(
    help="Export, import or restore your progress.", no_args_is_help=True
)
dev_app = typer.Typer(help="For content authors.", no_args_is_help=True)
app.add_typer(data_app, name="data")
app.add_typer(progress_app, name="progress")
app.add_typer(dev_app, name="dev")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def friendly(func: F) -> F:
    """Report AiroadmapError as one line and exit non-zero (used on every command)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AiroadmapError as exc:
            from airoadmap.cli.render import error

            error(str(exc))
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def _print_version(value: bool) -> None:
    if value:
        from airoadmap import __version__

        sys.stdout.write(f"airoadmap {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """The AI Engineering Roadmap as software: 12 months of exercises with checks, hints,
    solutions and your progress."""


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")


# -- the roadmap --------------------------------------------------------------------------


@app.command()
@friendly
def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path(
        "airoadmap-workspace"
    ),
    start: Annotated[
        str | None, typer.Option(help="Start date of your plan, YYYY-MM-DD (default: today).")
    ] = None,
    hours: Annotated[
        float | None, typer.Option(help="Hours you can give each week (default: the plan's).")
    ] = None,
) -> None:
    """Create a workspace (or add new exercises to one): a folder per month, starters, briefs."""
    from airoadmap.cli.render import console
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.learner import check_database_url, open_store, plan_schedule
    from airoadmap.workspace import Workspace

    cur = curriculum()
    # every option (and a database URL from the environment) is checked before anything
    # is written, so a mistake leaves no half-made workspace behind
    new_start = _parse_date(start) if start is not None else None
    new_hours = _check_hours(hours) if hours is not None else None
    check_database_url()
    report = Workspace.init(directory, cur)
    with open_store(Workspace(report.root)) as store:
        changed = plan_schedule(store, cur, new_start, new_hours, default=True)
    con = console()
    con.print(
        f"Workspace [bold]{report.root}[/]: {len(report.created)} files created, "
        f"{len(report.kept)} kept as they were."
    )
    if changed:
        con.print(changed, soft_wrap=True, markup=False)
    con.print(f"Next: [cyan]cd {report.root}[/] then [cyan]airoadmap status[/].")


@app.command()
@friendly
def schedule(
    start: Annotated[str | None, typer.Option(help="Start date, YYYY-MM-DD.")] = None,
    hours: Annotated[float | None, typer.Option(help="Hours per week.")] = None,
) -> None:
    """Show or change your plan's start date and weekly hours."""
    from airoadmap.cli.render import console
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.learner import open_store, plan_schedule
    from airoadmap.workspace import Workspace

    new_start = _parse_date(start) if start is not None else None
    new_hours = _check_hours(hours) if hours is not None else None
    ws = Workspace.find()
    with open_store(ws) as store:
        changed = plan_schedule(store, curriculum(), new_start, new_hours)
        current = store.get_schedule()
    if changed:
        console().print(changed, soft_wrap=True, markup=False)
    elif current is None:
        console().print("No schedule yet: `airoadmap schedule --start YYYY-MM-DD --hours 10`.")
    else:
        console().print(f"Start {current.start_date}, {current.hours_per_week:g} hours a week.")


@app.command()
@friendly
def track(
    name: Annotated[
        str | None, typer.Argument(help="The track to follow: nlp, cv, genai or rl.")
    ] = None,
    month: Annotated[
        int | None, typer.Option(help="The month (default: the one month with tracks).")
    ] = None,
) -> None:
    """Show a month's specialization tracks, or choose yours: its exercises count for your
    progress and schedule, the other tracks stay optional. Changing it keeps every attempt."""
    from airoadmap.cli.render import console, tracks_table
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.learner import choose_track, month_with_tracks, open_store
    from airoadmap.workspace import Workspace

    cur = curriculum()
    chosen_month = month_with_tracks(cur, month)
    ws = Workspace.find()
    with open_store(ws) as store:
        line = choose_track(store, chosen_month, name) if name is not None else None
        chosen = store.tracks().get(chosen_month.number)
        passed = store.passed()
    con = console()
    if line is not None:
        con.print(line, soft_wrap=True, markup=False)
        return
    con.print(tracks_table(cur, chosen_month, chosen, passed))
    if chosen is None:
        first = chosen_month.tracks[0].id
        con.print(
            f"No track chosen yet: {first} counts until you choose one with "
            f"`airoadmap track NAME`.",
            soft_wrap=True,
            markup=False,
        )


@app.command()
@friendly
def status(as_json: JsonOpt = False) -> None:
    """The whole roadmap with your progress, where you are in the schedule, the next step."""
    from airoadmap.cli.render import console, roadmap_table
    from airoadmap.learner import load_status

    st = load_status()
    if as_json:
        emit_json(st.as_dict())
        return
    con = console()
    current = st.schedule.current_month if st.schedule else None
    con.print(roadmap_table(st.curriculum, st.passed, current, st.cards_due, st.tracks))
    for line in st.headline():
        con.print(line, soft_wrap=True)


@app.command("list")
@friendly
def list_exercises(
    month: Annotated[int | None, typer.Option(help="Only this month (1-12).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every exercise with its month and your best outcome."""
    from rich.table import Table

    from airoadmap.cli.render import console, outcome_text
    from airoadmap.learner import load_status

    st = load_status(require_workspace=False)
    rows = [ex for ex in st.curriculum.ordered_exercises() if month is None or ex.month == month]
    if month is not None and not 1 <= month <= 12:
        raise AiroadmapError(f"--month {month} is out of range: use 1 to 12.")
    if as_json:
        emit_json(
            [
                {"id": ex.id, "month": ex.month, "title": ex.title, "best": st.best.get(ex.id)}
                for ex in rows
            ]
        )
        return
    table = Table(title="Exercises", title_justify="left")
    for col in ("Id", "Month", "Title", "Best"):
        table.add_column(col)
    for ex in rows:
        table.add_row(ex.id, str(ex.month), ex.title, outcome_text(st.best.get(ex.id)))
    console().print(table)


@app.command()
@friendly
def show(
    item: Annotated[str, typer.Argument(help="An exercise id (m03-linreg) or a month (3).")],
    as_json: JsonOpt = False,
) -> None:
    """The brief of an exercise, or a month's goal, topics, tools and projects."""
    from airoadmap.cli.render import console, outcome_text, render_exercise, render_month
    from airoadmap.curriculum.loader import curriculum, exercise_dir
    from airoadmap.errors import UnknownIdError
    from airoadmap.learner import load_status

    cur = curriculum()
    number = item.lower().removeprefix("month").removeprefix("m").strip()
    if number.isdigit():
        if not 1 <= int(number) <= 12:
            raise AiroadmapError(f"There is no month {number}: the roadmap has months 1 to 12.")
        month = cur.month(int(number))
        if as_json:
            emit_json(month.model_dump())
        else:
            render_month(console(), cur, month)
        return
    if item.strip().lower() not in cur.exercises:
        raise UnknownIdError("exercise", item, sorted(cur.exercises))
    ex = cur.exercises[item.strip().lower()]
    brief = (exercise_dir(ex.id) / "brief.md").read_text(encoding="utf-8")
    if as_json:
        emit_json({**ex.model_dump(), "brief": brief})
        return
    st = load_status(require_workspace=False)
    where = (
        str(st.workspace.exercise_path(cur, ex))
        if st.workspace
        else "(no workspace: `airoadmap init`)"
    )
    render_exercise(console(), ex, brief, where, outcome_text(st.best.get(ex.id)))


# -- the loop: check, watch, hint, solution, reset ---------------------------------------------


@app.command()
@friendly
def check(
    exercise: Annotated[
        str | None,
        typer.Argument(help="Exercise id; default: the folder you are in, or the last edited."),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Check every exercise.")] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Every message, and all your code printed."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Grade your work in a sandbox and record the attempt."""
    from airoadmap.checking import check_exercise
    from airoadmap.cli.render import console, render_report
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.results import Outcome

    ids: list[str | None] = [exercise]
    if all_:
        if exercise is not None:
            raise AiroadmapError("Give an exercise id or --all, not both.")
        ids = [ex.id for ex in curriculum().ordered_exercises()]
    reports = [check_exercise(eid) for eid in ids]
    if as_json:
        data = [r.model_dump(mode="json") for r in reports]
        emit_json(data if all_ else data[0])
    else:
        from airoadmap.hints import hint_line

        for r in reports:
            render_report(console(), r, hint_line(r), verbose=verbose)
    if any(r.outcome != Outcome.PASS for r in reports):
        raise typer.Exit(1)


@app.command()
@friendly
def watch(
    exercise: Annotated[str | None, typer.Argument(help="Only this exercise.")] = None,
    limit: Annotated[int | None, typer.Option(hidden=True, help="Stop after N checks.")] = None,
) -> None:
    """Re-check the exercise you are editing every time you save. Ctrl-C to stop."""
    import time

    from airoadmap.cli.render import console, render_report
    from airoadmap.hints import hint_line
    from airoadmap.results import GradeReport
    from airoadmap.watching import watch_workspace

    con = console()

    def ready(count: int, root: Path) -> None:
        files = f"{count} file" + ("" if count == 1 else "s")
        con.print(f"Watching {files} in {root}: save one to check it (Ctrl-C stops).")

    def show(eid: str, report: GradeReport, seconds: float) -> None:
        con.rule(f"{eid} · {time.strftime('%H:%M:%S')} · {seconds:.2f} s")
        render_report(con, report, hint_line(report))

    only = exercise.strip().lower() if exercise else None  # ids in any case
    watch_workspace(only, on_ready=ready, on_report=show, limit=limit)


@app.command()
@friendly
def hint(
    exercise: Annotated[str, typer.Argument(help="Exercise id.")],
    group: Annotated[
        str | None, typer.Option("--on", help="Hint group (e.g. a kata's name).")
    ] = None,
) -> None:
    """The next hint, from a nudge to nearly the answer (your usage is recorded)."""
    from airoadmap.cli.render import console, render_hint
    from airoadmap.learner import take_hint

    render_hint(console(), take_hint(exercise, group))


@app.command()
@friendly
def solution(
    exercise: Annotated[str, typer.Argument(help="Exercise id.")],
    reveal: Annotated[
        bool, typer.Option("--reveal", help="Show it before passing (recorded in your progress).")
    ] = False,
) -> None:
    """The reference solution: after you pass, or with --reveal (recorded)."""
    from rich.syntax import Syntax

    from airoadmap.cli.render import console
    from airoadmap.learner import open_solution

    for name, code, note in open_solution(exercise, reveal):
        if note:
            console().print(note, style="yellow")
        console().print(Syntax(code, "python", line_numbers=True, word_wrap=True), soft_wrap=False)
        console().print(f"[dim]({name})[/]")


@app.command()
@friendly
def reset(exercise: Annotated[str, typer.Argument(help="Exercise id.")]) -> None:
    """Restore the starter files; yours are kept in .airoadmap/backups/."""
    from airoadmap.checking import resolve_exercise
    from airoadmap.cli.render import console
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.workspace import Workspace

    cur = curriculum()
    ws = Workspace.find()
    ex = resolve_exercise(cur, ws, exercise)
    saved = ws.reset(cur, ex)
    console().print(f"Restored the starter of {ex.id}.")
    for path in saved:
        console().print(f"  your version is saved as {path}", soft_wrap=True)
    if not saved:
        console().print("  (your files were the starter already: nothing to back up)")


@app.command("run")
@friendly
def run_project(
    project: Annotated[
        str, typer.Argument(help="A reference project id (see `airoadmap run --list`).")
    ] = "",
    list_: Annotated[bool, typer.Option("--list", help="List the reference projects.")] = False,
    out: Annotated[Path | None, typer.Option(help="Run folder (default: workspace runs/).")] = None,
    config: Annotated[
        Path | None, typer.Option(help="A config file, for projects that take one (m06).")
    ] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="Compare the project's tracked runs (m06).")
    ] = False,
    data: Annotated[
        str | None,
        typer.Option(help="Another data set, for projects that take one (m07-cnn: cifar-10)."),
    ] = None,
    device: Annotated[
        str | None,
        typer.Option(help="auto, cpu or cuda, for projects that train networks (m07)."),
    ] = None,
    mine: Annotated[
        bool,
        typer.Option(
            "--mine",
            help="Run your own code of the exercise (its latest check passed, files unchanged) "
            "instead of the reference solution; run.json records its hash.",
        ),
    ] = False,
) -> None:
    """Run a reference project on real data; artifacts go to a run folder."""
    from airoadmap.cli.render import console
    from airoadmap.cli.runview import headline_line, run_with_progress
    from airoadmap.lab.projects import projects
    from airoadmap.learner import run_target

    if list_ or not project:
        for pid, proj in projects().items():
            console().print(f"[bold]{pid}[/]: {proj.title}")
        return
    project, out = run_target(project, out)
    options: dict[str, object] = {}
    if config is not None:
        options["config"] = config
    if compare:
        options["compare"] = True
    if data is not None:
        options["data"] = data
    if device is not None:
        options["device"] = device
    if mine:
        from airoadmap.learner_runs import learner_code_for

        options["mine"] = learner_code_for(project)
    run_dir, seconds = run_with_progress(console(), project, out, **options)
    console().print(f"Artifacts of {project}: [cyan]{run_dir}[/]")
    shown = [*sorted(run_dir.glob("*.html")), run_dir / "report.md", run_dir / "metrics.json"]
    for path in shown:
        if path.is_file():
            console().print(f"  {path.name}: {path}", soft_wrap=True)
    console().print("  (or browse them in `airoadmap dashboard`, page Runs)")
    console().print(headline_line(project, run_dir, seconds))


# -- data, progress, doctor, dev ------------------------------------------------------------


@data_app.command("list")
@friendly
def data_list(as_json: JsonOpt = False) -> None:
    """Every registered data set and where it is available."""
    from airoadmap.cli.datasets import show_list

    show_list(as_json)


@data_app.command("fetch")
@friendly
def data_fetch(name: Annotated[str, typer.Argument(help="Data set name.")]) -> None:
    """Copy or download a data set into the cache."""
    from airoadmap.cli.render import console
    from airoadmap.datasets import fetch

    console().print(f"{name}: {fetch(name)}")


@data_app.command("verify")
@friendly
def data_verify(
    name: Annotated[str | None, typer.Argument(help="Data set (default: all).")] = None,
) -> None:
    """Check data set files against their registered sha256."""
    from airoadmap.cli.datasets import verify_all

    if not verify_all(name):
        raise typer.Exit(1)


@progress_app.command("export")
@friendly
def progress_export(
    file: Annotated[Path | None, typer.Argument(help="Write here (default: stdout).")] = None,
) -> None:
    """Everything you did, as JSON: attempts, hints, reveals, schedule, quiz reviews."""
    from airoadmap.cli.render import console
    from airoadmap.learner import export_to

    if (summary := export_to(file)) is not None:
        console().print(summary, soft_wrap=True, markup=False)


@progress_app.command("import")
@friendly
def progress_import(
    file: Annotated[Path, typer.Argument(help="A file written by `progress export`.")],
    replace: Annotated[bool, typer.Option(help="Replace the progress instead of merging.")] = False,
) -> None:
    """Load progress exported elsewhere (merges by default; nothing is duplicated)."""
    from airoadmap.cli.render import console
    from airoadmap.learner import import_from

    console().print(import_from(file, replace=replace), soft_wrap=True, markup=False)


@progress_app.command("restore")
@friendly
def progress_restore(
    copy: Annotated[
        Path | None, typer.Argument(help="A copy (default: the newest daily copy).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Restore even though the database is sound.")
    ] = False,
) -> None:
    """Put back a daily copy of a damaged or emptied progress database (kept in
    .airoadmap/backups/progress/); the current file is moved aside, never deleted."""
    from airoadmap.cli.render import console
    from airoadmap.learner import restore_progress

    console().print(restore_progress(copy, force=force), soft_wrap=True, markup=False)


@app.command()
@friendly
def doctor(as_json: JsonOpt = False) -> None:
    """Python, packages, torch and GPU, sandbox, data sets, workspace: what works here."""
    from airoadmap.cli.render import render_findings
    from airoadmap.doctor import diagnose

    findings = diagnose()
    if as_json:
        emit_json([f.__dict__ for f in findings])
    else:
        render_findings(findings)


@dev_app.command("check")
@friendly
def dev_check(
    exercise: Annotated[str | None, typer.Argument(help="Only this exercise.")] = None,
) -> None:
    """Validate all content: ids, references, stray files, starters NOT_ATTEMPTED, solutions
    PASS and record every bar."""
    from airoadmap.cli.dev import show_dev_check

    if not show_dev_check(exercise):
        raise typer.Exit(1)


@dev_app.command("new")
@friendly
def dev_new(
    exercise: Annotated[str, typer.Argument(help="The new exercise's id, e.g. m07-mlp.")],
    title: Annotated[str, typer.Option(help="Its title (default: the id).")] = "",
) -> None:
    """Scaffold an exercise folder that `dev check` accepts, and list it in its month."""
    from airoadmap.cli.dev import show_new

    show_new(exercise, title)


@dev_app.command("mutate")
@friendly
def dev_mutate(
    exercise: Annotated[str, typer.Argument(help="The exercise whose checks to test.")],
    limit: Annotated[int | None, typer.Option(help="Test N mutants, spread over the file.")] = None,
    jobs: Annotated[int, typer.Option(help="Mutants run at once.")] = 2,
    timeout: Annotated[float | None, typer.Option(help="Seconds per mutant.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Mutation testing: run the checks on small bugs put in the solution; list survivors."""
    from rich.progress import Progress

    from airoadmap.authoring.mutation import report_lines, run_mutation
    from airoadmap.cli.render import err_console

    with Progress(console=err_console(), transient=True, disable=as_json) as bar:
        task = bar.add_task(f"mutants of {exercise}", total=None)
        report = run_mutation(
            exercise,
            limit=limit,
            jobs=jobs,
            timeout_s=timeout,
            progress=lambda done, total, _: bar.update(task, completed=done, total=total),
        )
    if as_json:
        emit_json(report.to_json())
    else:
        sys.stdout.write("\n".join(report_lines(report)) + "\n")
    if not report.goal_met:
        raise typer.Exit(1)


from airoadmap.cli import capstone as _capstone  # noqa: E402
from airoadmap.cli import cohort as _cohort  # noqa: E402
from airoadmap.cli import dashboard as _dashboard  # noqa: E402
from airoadmap.cli import portfolio as _portfolio  # noqa: E402
from airoadmap.cli import quiz as _quiz  # noqa: E402

_quiz.register(app)
_dashboard.register(app)
_portfolio.register(app)
_capstone.register(app)
_cohort.register(app)


def _parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise AiroadmapError(f"--start {text!r} is not a date: use YYYY-MM-DD.") from None
    if not 2000 <= day.year <= 2100:
        raise AiroadmapError(f"--start {text}: use a date between 2000 and 2100.")
    return day


def _check_hours(hours: float) -> float:
    if not 0 < hours <= 80:
        raise AiroadmapError(
            f"--hours {hours:g} is out of range: give the hours a week you have, above 0 and "
            "at most 80."
        )
    return hours


def main() -> None:
    """Entry point: no traceback reaches the user unless AIROADMAP_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the last line of defence; AiroadmapError is handled per command
        if os.environ.get("AIROADMAP_DEBUG"):
            raise
        sys.stderr.write(
            f"error: internal error ({type(exc).__name__}: {exc}). "
            "Run again with AIROADMAP_DEBUG=1 for details and report it.\n"
        )
        sys.exit(70)
