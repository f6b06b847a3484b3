"""How results look in a terminal (Rich): reports, the roadmap, exercises, hints."""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from airoadmap.results import GradeReport, Outcome, in_progress

if TYPE_CHECKING:  # `check` renders with this module and must not import pydantic
    from rich.table import Table

    from airoadmap.curriculum.models import Curriculum, Exercise, Month
    from airoadmap.doctor import Finding
    from airoadmap.hints import Hint

STYLE = {
    Outcome.PASS: "bold green",
    Outcome.FAIL: "bold red",
    Outcome.NOT_ATTEMPTED: "yellow",
    Outcome.ERROR: "bold magenta",
    Outcome.TIMEOUT: "bold magenta",
}
MARK = {
    Outcome.PASS: "✔",
    Outcome.FAIL: "✘",
    Outcome.NOT_ATTEMPTED: "·",
    Outcome.ERROR: "!",
    Outcome.TIMEOUT: "⏱",
}


@cache
def console() -> Console:
    return Console(highlight=False)


@cache
def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def error(message: str) -> None:
    """One clear line on stderr."""
    err_console().print(Text(f"error: {message}", style="bold red"), soft_wrap=True)


def outcome_text(outcome: Outcome | None) -> Text:
    if outcome is None:
        return Text("not started", style="dim")
    return Text(f"{MARK[outcome]} {outcome.value}", style=STYLE[outcome])


SHOWN_OUTPUT_LINES = 10  # of a failing check's printed output, without --verbose


def render_report(
    con: Console, report: GradeReport, hint_line: str | None = None, *, verbose: bool = False
) -> None:
    """A check's outcome: one line per check, the message that teaches, metrics, next step.

    Work in progress (some parts pass, the rest not started) reads as such, with the next part
    to do; of the parts not started only that one's message is shown. Under a check that did
    not pass comes the end of what the learner's code printed during it; `verbose` shows every
    message and, at the end, all the output the report kept.
    """
    progressing = in_progress(report.checks)
    label = outcome_text(report.outcome)
    if progressing:
        label = Text("◐ IN PROGRESS", style="bold yellow")
    con.print(
        Text.assemble(
            (f"{report.exercise_id}: ", "bold"),
            label,
            f"  {report.summary}",
            (f"  ({report.duration_s:.2f} s)", "dim"),
        ),
        soft_wrap=True,
    )
    if progressing:
        done = sum(c.outcome == Outcome.PASS for c in report.checks)
        con.print(Text.assemble("  ", progress_bar(done, len(report.checks), width=20)))
    next_shown = False
    for c in report.checks:
        line = Text.assemble("  ", (MARK[c.outcome], STYLE[c.outcome]), f" {c.name}")
        con.print(line, soft_wrap=True)
        if c.outcome == Outcome.PASS or not c.message:
            continue
        if c.outcome == Outcome.NOT_ATTEMPTED:
            if next_shown and not verbose:
                continue
            next_shown = True
        style = "dim" if c.outcome == Outcome.NOT_ATTEMPTED else ""
        con.print(Text(_indent(c.message, "      "), style=style), soft_wrap=True)
        if c.output and c.outcome != Outcome.NOT_ATTEMPTED:
            _render_printed(con, c.output, None if verbose else SHOWN_OUTPUT_LINES)
    if report.metrics:
        shown = ", ".join(f"{k}={v:.4g}" for k, v in report.metrics.items())
        con.print(Text(f"  metrics: {shown}", style="cyan"), soft_wrap=True)
    for note in report.notes:
        con.print(Text(f"  note: {note}", style="dim"), soft_wrap=True)
    if verbose:
        if report.output.strip():
            con.print(Text("  Everything your code printed (stdout and stderr):", style="bold"))
            con.print(Text(_indent(report.output.rstrip("\n"), "  │ ")), soft_wrap=True)
        else:
            con.print(Text("  Your code printed nothing.", style="dim"))
    if hint_line and report.outcome != Outcome.PASS:
        con.print(Text(f"  {hint_line}", style="yellow"), soft_wrap=True)


def _render_printed(con: Console, output: str, limit: int | None) -> None:
    """What a check's code printed, framed: the last `limit` lines (all with None)."""
    lines = output.rstrip("\n").split("\n")
    if limit is not None and len(lines) > limit:
        head = f"your code printed (last {limit} of {len(lines)} lines; all: check --verbose):"
        lines = lines[-limit:]
    else:
        head = "your code printed:"
    con.print(Text(f"      {head}", style="dim"), soft_wrap=True)
    con.print(Text(_indent("\n".join(lines), "      │ ")), soft_wrap=True)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def render_hint(con: Console, hint: Hint) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    from airoadmap.cli.mathtext import math_markdown

    title = f"{hint.exercise_id} · hint {hint.tier} of {hint.tiers} · {hint.key}"
    con.print(Panel(Markdown(math_markdown(hint.text)), title=title, expand=False))
    if hint.repeated:
        con.print(
            Text(
                f"You have seen all {hint.tiers} hints of '{hint.key}': this is the last one "
                f"again. `airoadmap solution {hint.exercise_id}` shows the reference solution "
                "once you pass (or with --reveal).",
                style="dim",
            ),
            soft_wrap=True,
        )
    elif hint.is_last:
        con.print(Text("That is the last hint of this group.", style="dim"))


def progress_bar(done: int, total: int, width: int = 12) -> Text:
    if total == 0:
        return Text("—", style="dim")
    full = round(width * done / total)
    return Text.assemble(("█" * full, "green"), ("░" * (width - full), "dim"), f" {done}/{total}")


def roadmap_table(
    cur: Curriculum,
    passed: set[str],
    current_month: int | None,
    cards_due: dict[int, int] | None = None,
    tracks: dict[int, str] | None = None,
) -> Table:
    """The 4 phases and 12 months with per-month progress; the current month highlighted.
    A month with tracks counts the chosen track's exercises (the first track before a
    choice) and names the track."""
    from rich.table import Table

    table = Table(title=cur.roadmap.title, title_justify="left", expand=False)
    table.add_column("#", justify="right")
    table.add_column("Month")
    table.add_column("Exercises", no_wrap=True)
    table.add_column("Quiz", justify="right")
    table.add_column("Project")
    months = {m.number: m for m in cur.months}
    due = cards_due or {}
    for phase in cur.roadmap.phases:
        title = Text(f"Phase {phase.number}: {phase.title}", style="bold cyan")
        table.add_row("", title, "", "", "")
        for number in phase.months:
            m = months[number]
            chosen = (tracks or {}).get(m.number)
            counted = m.counted(chosen)
            done = sum(1 for e in counted if e in passed)
            bar = progress_bar(done, len(counted))
            track = m.track(chosen)
            if track is not None:
                bar.append(f" {track.id}" if chosen else f" {track.id}?", style="cyan")
            if m.planned:
                bar.append(f" +{len(m.planned)} planned", style="dim")
            here = m.number == current_month
            table.add_row(
                Text(("▶ " if here else "") + str(m.number), style="bold yellow" if here else ""),
                Text(m.title, style="bold" if here else ""),
                bar,
                Text(f"{due[m.number]} due", style="magenta") if due.get(m.number) else "",
                m.projects[0].title,
                end_section=number == phase.months[-1],
            )
    return table


def tracks_table(cur: Curriculum, month: Month, chosen: str | None, passed: set[str]) -> Table:
    """A month's tracks: which is chosen, what each holds, how much of it is passed."""
    from rich.table import Table

    table = Table(title=f"Month {month.number}: {month.title}", title_justify="left")
    table.add_column("Track", no_wrap=True)
    table.add_column("What you build")
    table.add_column("Exercises", no_wrap=True)
    current = month.track(chosen)
    for t in month.tracks:
        written = [e for e in t.exercises if e in cur.exercises]
        bar = progress_bar(sum(e in passed for e in written), len(written))
        if len(written) < len(t.exercises):
            bar.append(f" +{len(t.exercises) - len(written)} planned", style="dim")
        mark = "▶ " if t is current and chosen else "  "
        name = Text(mark + t.id, style="bold yellow" if t is current and chosen else "bold")
        table.add_row(name, f"{t.title}: {t.summary}\n" + ", ".join(t.exercises), bar)
    return table


def render_month(con: Console, cur: Curriculum, month: Month) -> None:
    from rich.markdown import Markdown

    from airoadmap.cli.mathtext import math_markdown

    lines = [f"# Month {month.number}: {month.title}", "", month.goal, "", "## Topics"]
    lines += [f"- **{t.name}**: {t.why}" for t in month.topics]
    lines += ["", "## Tools"] + [f"- **{t.name}**: {t.use}" for t in month.tools]
    lines += ["", "## Projects"]
    lines += [
        f"- **{p.title}**: {p.summary}" + (f" (`{p.exercise}`)" if p.exercise else "")
        for p in month.projects
    ]
    if month.knowledge:
        lines += ["", "## Test your knowledge"]
        lines += [
            f"- {k.text}" + (f" (`{k.exercise}`)" if k.exercise else "") for k in month.knowledge
        ]
    extras = {e.id: e for e in cur.roadmap.extras}
    if month.extras:
        lines += ["", "## Also this month"]
        lines += [
            f"- **{extras[x].title}**: {extras[x].summary}" for x in month.extras if x in extras
        ]
    if month.tracks:
        lines += ["", "## Tracks (choose one: `airoadmap track NAME`)"]
        lines += [f"- **{t.id}**, {t.title}: {t.summary}" for t in month.tracks]

    def label(eid: str) -> str:
        title = cur.exercises[eid].title if eid in cur.exercises else "(planned)"
        track = month.track_of(eid)
        return f"- `{eid}`: {title}" + (f" [{track.id}]" if track else "")

    lines += ["", "## Exercises"] + [label(e) for e in month.exercises + month.planned]
    con.print(Markdown(math_markdown("\n".join(lines))))


def render_exercise(con: Console, ex: Exercise, brief: str, where: str, status: Text) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    from airoadmap.cli.mathtext import math_markdown

    con.print(Panel(Text.assemble((ex.title, "bold"), "  ", status), subtitle=ex.id, expand=False))
    con.print(Markdown(math_markdown(brief)))
    con.print(Text(f"Your files: {where}", style="cyan"), soft_wrap=True)


def is_tty() -> bool:
    return sys.stdout.isatty()


def render_findings(findings: list[Finding]) -> None:
    """`airoadmap doctor`'s findings as a table."""
    from rich.table import Table

    table = Table(title="airoadmap doctor", title_justify="left")
    for col in ("Area", "Item", "", "Detail"):
        table.add_column(col)
    for f in findings:
        table.add_row(f.area, f.name, "[green]✔[/]" if f.ok else "[red]✘[/]", f.detail)
    console().print(table)
