"""`airoadmap check [ID] [--verbose]` without Typer or pydantic: the learner's hot loop.

Importing Typer and pydantic, and loading the curriculum from TOML, costs more than checking
a small exercise. This path reads the compiled curriculum (`curriculum/compiled.py`, written
by the full `check`), then does what the full command does with the same functions: grade
(`checking.check_exercise`), record the attempt (quickwrite), render (`cli/render.py`), exit
0 on PASS and 1 otherwise; an AiroadmapError is one line on stderr and its exit code.

Anything else goes to the full CLI: other options (--all, --json, --help), no compiled
curriculum for the content as it is, or a failure before the check started.
"""

from __future__ import annotations

import os
import threading

ENV_OFF = "AIROADMAP_NO_FASTCHECK"  # set to 1 to always use the full CLI
VERBOSE = ("--verbose", "-v")


def parse(args: list[str]) -> tuple[str | None, bool] | None:
    """(exercise id or None, verbose) for the arguments of `check`, or None when unusual."""
    exercise: str | None = None
    verbose = False
    for arg in args:
        if arg in VERBOSE:
            verbose = True
        elif arg.startswith("-") or exercise is not None:
            return None
        else:
            exercise = arg
    return exercise, verbose


def run(args: list[str]) -> int | None:
    """Check as `airoadmap check` would and return the exit status; None: use the full CLI."""
    parsed = parse(args)
    if parsed is None or os.environ.get(ENV_OFF) or os.name != "posix":
        return None
    exercise_id, verbose = parsed
    from airoadmap.curriculum import compiled

    cur = compiled.load()
    if cur is None:
        return None
    from airoadmap.checking import check_exercise
    from airoadmap.errors import AiroadmapError

    # The checks run in a child process; meanwhile this one imports Rich for the report.
    threading.Thread(target=_prefetch, name="airoadmap-prefetch", daemon=True).start()
    try:
        report = check_exercise(exercise_id, cur=cur)
    except AiroadmapError as exc:
        from airoadmap.cli.render import error

        error(str(exc))
        return exc.exit_code
    from airoadmap.cli.render import console, render_report
    from airoadmap.hints import hint_line
    from airoadmap.results import Outcome

    render_report(console(), report, hint_line(report), verbose=verbose)
    return 0 if report.outcome == Outcome.PASS else 1


def _prefetch() -> None:
    """Import what rendering needs while the checks run in their own process."""
    try:
        import airoadmap.cli.render
        import airoadmap.hints  # noqa: F401
    except Exception:  # the main thread imports them again and reports a real problem
        pass
