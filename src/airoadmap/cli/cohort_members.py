"""`airoadmap cohort create | add-learner | add-instructor | join | sync | status`.

The instructor creates the cohort's database and its members with the owner's (or a
superuser's) URL; each learner joins from their workspace with the URL they were given, and
from then on every `check` and `quiz` sends what it recorded (best effort, see
cohort/sync.py), and `cohort sync` does it on demand.

Exit codes: 0 when done; 1 with one line for what cannot work (bad URL, login refused, no
cohort there, not in a workspace). `cohort sync` while the database cannot be reached exits
0 with a note saying how many rows wait: offline is a normal state of a laptop, nothing is
lost, and the next sync (or the next `check`) sends them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import typer

UrlArg = Annotated[
    str,
    typer.Argument(
        help="The cohort database: postgresql://USER:PASSWORD@HOST:PORT/DB, or "
        "sqlite:///path/cohort.db to try it on one machine."
    ),
]


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    from airoadmap.cohort.db import CohortError

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CohortError(f"--start {text!r} is not a date: use YYYY-MM-DD.") from None
    if not 2000 <= day.year <= 2100:
        raise CohortError(f"--start {text}: use a date between 2000 and 2100.")
    return day


def _plain(url: str) -> str:
    """A member's URL as libpq tools also read it (postgresql://, not +psycopg)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def create(
    url: UrlArg,
    name: Annotated[str | None, typer.Option("--name", help="The cohort's name.")] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="First day of the course, YYYY-MM-DD (today).")
    ] = None,
    hours: Annotated[
        float | None,
        typer.Option("--hours-per-week", help="The class's pace (default: the roadmap's)."),
    ] = None,
) -> None:
    """Set up the cohort's database (instructor, with the owner's URL); safe to rerun."""
    from airoadmap.cli.render import console
    from airoadmap.cohort import db

    if hours is None:
        from airoadmap.curriculum.loader import curriculum

        hours = curriculum().roadmap.hours_per_week
    made = db.create(url, name=name, start=_date(start), hours_per_week=hours)
    out = console()
    c = made.info
    where = db.shown(url)
    if made.existed:
        out.print(
            f"Cohort [bold]{c.name}[/] exists already at {where} (id {c.cohort_id}): kept as "
            f"it is; tables{', roles and policies' if made.roles else ''} checked."
        )
    else:
        out.print(
            f"Created cohort [bold]{c.name}[/] at {where} (id {c.cohort_id}): starts "
            f"{c.start_date}, {c.hours_per_week:g} hours a week."
        )
    if made.roles:
        learners, instructors = made.roles
        out.print(
            f"Roles {learners} and {instructors}; row-level security: a learner sees and "
            "sends only their own rows, instructors see all."
        )
    else:
        out.print(f"[yellow]{db.SQLITE_NOTE}[/]")
    out.print("Next: `airoadmap cohort add-learner URL NAME` (this URL) for each learner.")


def _add(kind: str) -> Callable[..., None]:
    def add(
        url: UrlArg,
        name: Annotated[str, typer.Argument(help="Their name: lowercase letters, digits, _.")],
        password: Annotated[
            str | None,
            typer.Option("--password", help="Their password (default: one is made and shown)."),
        ] = None,
        reset_password: Annotated[
            bool, typer.Option("--reset-password", help="Give an existing member a new one.")
        ] = False,
    ) -> None:
        from airoadmap.cli.render import console
        from airoadmap.cohort import db

        member = db.add_member(
            url, name, kind=kind, password=password, reset_password=reset_password  # type: ignore[arg-type]
        )
        out = console()
        if member.password is None:  # SQLite
            out.print(f"{kind.capitalize()} [bold]{name}[/] added.")
            if kind == "learner":
                out.print(f"They run: airoadmap cohort join {member.url} --learner {name}")
            out.print(f"[yellow]{db.SQLITE_NOTE}[/]")
            return
        joined = _plain(member.url)
        shown_pw = "the password made for them, shown only now" if member.generated else "yours"
        out.print(f"{kind.capitalize()} [bold]{name}[/] added ({shown_pw}). Their URL:")
        sys.stdout.write(f"  {joined}\n")
        if kind == "learner":
            out.print(f"Give it to {name} privately; in their workspace they run:")
            sys.stdout.write(f"  airoadmap cohort join '{joined}'\n")
        else:
            out.print(
                f"{name} sees the whole class: `airoadmap dashboard --cohort URL`, "
                "`airoadmap cohort grade`."
            )

    add.__doc__ = (
        "Add a learner: a login role that sees only their own rows, and their row (owner's URL)."
        if kind == "learner"
        else "Add an instructor: a login role that sees every learner's rows (owner's URL)."
    )
    return add


def join(
    url: UrlArg,
    learner: Annotated[
        str | None,
        typer.Option("--learner", help="Your name (SQLite; on PostgreSQL the URL's user)."),
    ] = None,
) -> None:
    """Join a cohort from your workspace, then send it what you have done so far."""
    from airoadmap.cli.render import console
    from airoadmap.cohort import config, db, sync
    from airoadmap.workspace import Workspace

    ws = Workspace.find()
    member, cohort = sync.join(ws, url, learner)
    out = console()
    out.print(
        f"Joined cohort [bold]{cohort.name}[/] as [bold]{member.learner}[/] "
        f"(settings in {config.path(ws)})."
    )
    if db.parse_url(url).password is not None:
        out.print(
            f"The password is kept apart in {ws.meta_dir / config.SECRET}, readable only by you."
        )
    _sync_and_say(ws)


def sync_command() -> None:
    """Send the cohort every attempt and quiz review it does not have yet (offline: a note,
    exit 0; they wait in your workspace for the next sync)."""
    from airoadmap.workspace import Workspace

    _sync_and_say(Workspace.find())


def _sync_and_say(ws: Any) -> None:
    from airoadmap.cli.render import console
    from airoadmap.cohort import sync
    from airoadmap.cohort.db import CohortOffline

    out = console()
    try:
        sent = sync.sync(ws)
    except CohortOffline as exc:
        left = sync.waiting(ws)
        out.print(
            f"[yellow]offline[/]: {left.attempts} attempt{'s' if left.attempts != 1 else ''} "
            f"and {left.reviews} quiz review{'s' if left.reviews != 1 else ''} waiting, kept "
            f"in your workspace and sent at the next sync. {exc}"
        )
        return
    out.print(
        f"Sent {sent.attempts} attempt{'s' if sent.attempts != 1 else ''} and {sent.reviews} "
        f"quiz review{'s' if sent.reviews != 1 else ''} to cohort [bold]{sent.cohort}[/] "
        f"as {sent.learner}."
    )
    if sent.renewed_uid:
        out.print(
            "Your progress database was restored or replaced since the last sync: its new "
            "rows go under a new workspace id (nothing lost, nothing sent twice)."
        )


def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Which cohort this workspace joined, the last sync and what waits (no connection)."""
    from rich.table import Table

    from airoadmap.cli.render import console
    from airoadmap.cohort import config, sync
    from airoadmap.workspace import Workspace

    ws = Workspace.find()
    member = config.load(ws)
    state = config.load_state(ws)
    left = sync.waiting(ws, state)
    facts: dict[str, Any] = {
        "cohort": member.cohort_name,
        "cohort_id": member.cohort_id,
        "database": member.url,
        "learner": member.learner,
        "workspace_uid": member.workspace_uid,
        "joined_at": member.joined_at,
        "last_sync": state.last_sync,
        "waiting_attempts": left.attempts,
        "waiting_reviews": left.reviews,
        "sent": state.sent,
        "last_error": state.last_error,
    }
    if as_json:
        sys.stdout.write(json.dumps(facts, indent=1) + "\n")
        return
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    table.add_row("cohort", f"{member.cohort_name} ({member.cohort_id})")
    table.add_row("database", member.url)
    table.add_row("learner", member.learner)
    table.add_row("workspace", member.workspace_uid)
    table.add_row("last sync", _ago(state.last_sync))
    table.add_row(
        "waiting", f"{left.attempts} attempts, {left.reviews} quiz reviews"
        + ("" if left.total == 0 else " (`airoadmap cohort sync` sends them)")
    )
    if state.last_error:
        table.add_row("last try", f"[yellow]{state.last_try}: {state.last_error}[/]")
    console().print(table)


def _ago(stamp: str | None) -> str:
    if stamp is None:
        return "never"
    from datetime import UTC, datetime

    when = datetime.fromisoformat(stamp)
    seconds = (datetime.now(UTC) - when).total_seconds()
    if seconds < 120:
        ago = f"{max(0, round(seconds))} s ago"
    elif seconds < 7200:
        ago = f"{round(seconds / 60)} min ago"
    else:
        ago = f"{seconds / 3600:.1f} h ago"
    return f"{when.astimezone().strftime('%Y-%m-%d %H:%M')} ({ago})"


def register(cohort_app: typer.Typer) -> None:
    """Add this module's commands to `airoadmap cohort`."""
    from airoadmap.cli.app import friendly  # defined before app.py registers the groups

    cohort_app.command("create")(friendly(create))
    cohort_app.command("add-learner")(friendly(_add("learner")))
    cohort_app.command("add-instructor")(friendly(_add("instructor")))
    cohort_app.command("join")(friendly(join))
    cohort_app.command("sync")(friendly(sync_command))
    cohort_app.command("status")(friendly(status))
