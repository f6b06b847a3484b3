"""How results look in a terminal (Rich): reports, the roadmap, exercises, hints."""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from airoadmap.curriculum.models import Curriculum, Exercise, Month
from airoadmap.grading.outcome import GradeReport, Outcome
from airoadmap.hints import Hint

if TYPE_CHECKING:
    from rich.table import Table

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


def render_report(con: Console, report: GradeReport, hint_line: str | None = None) -> None:
    """A check's outcome: one line per check, the message that teaches, metrics, next step."""
    con.print(
        Text.assemble(
            (f"{report.exercise_id}: ", "bold"),
            outcome_text(report.outcome),
            f"  {report.summary}",
            (f"  ({report.duration_s:.2f} s)", "dim"),
        ),
        soft_wrap=True,
    )
    for c in report.checks:
        line = Text.assemble("  ", (MARK[c.outcome], STYLE[c.outcome]), f" {c.name}")
        con.print(line, soft_wrap=True)
        if c.message and c.outcome != Outcome.PASS:
            con.print(
                Text(
                    f"      {c.message}", style="dim" if c.outcome == Outcome.NOT_ATTEMPTED else ""
                ),
                soft_wrap=True,
            )
    if report.metrics:
        shown = ", ".join(f"{k}={v:.4g}" for k, v in report.metrics.items())
        con.print(Text(f"  metrics: {shown}", style="cyan"), soft_wrap=True)
    for note in report.notes:
        con.print(Text(f"  note: {note}", style="dim"), soft_wrap=True)
    if hint_line and report.outcome != Outcome.PASS:
        con.print(Text(f"  {hint_line}", style="yellow"), soft_wrap=True)


def render_hint(con: Console, hint: Hint) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    title = f"{hint.exercise_id} · hint {hint.tier} of {hint.tiers} · {hint.key}"
    con.print(Panel(Markdown(hint.text), title=title, expand=False))
    if hint.is_last:
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
) -> Table:
    """The 4 phases and 12 months with per-month progress; the current month highlighted."""
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
            done = sum(1 for e in m.exercises if e in passed)
            bar = progress_bar(done, len(m.exercises))
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


def render_month(con: Console, cur: Curriculum, month: Month) -> None:
    from rich.markdown import Markdown

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
    lines += ["", "## Exercises"] + [f"- `{e}`: {cur.exercises[e].title}" for e in month.exercises]
    lines += [f"- `{e}`: (planned)" for e in month.planned]
    con.print(Markdown("\n".join(lines)))


def render_exercise(con: Console, ex: Exercise, brief: str, where: str, status: Text) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    con.print(Panel(Text.assemble((ex.title, "bold"), "  ", status), subtitle=ex.id, expand=False))
    con.print(Markdown(brief))
    con.print(Text(f"Your files: {where}", style="cyan"), soft_wrap=True)


def is_tty() -> bool:
    return sys.stdout.isatty()
