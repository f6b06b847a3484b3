"""`airoadmap dev ...` in the terminal: what the authoring tools found, printed."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from airoadmap.cli.render import console, outcome_text


def show_dev_check(only: str | None = None, root: Path | None = None) -> bool:
    """Print every problem and each exercise's two sides; True when all is well."""
    from airoadmap.authoring.devcheck import check_content

    con = console()
    problems, results = check_content(only, root)
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


def show_new(exercise_id: str, title: str = "", root: Path | None = None) -> None:
    """Scaffold a new exercise and say what to do next."""
    from airoadmap.authoring.scaffold import scaffold

    folder = scaffold(exercise_id, title=title, root=root)
    con = console()
    con.print(f"Created {exercise_id} in [cyan]{folder}[/]:", soft_wrap=True)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        con.print(f"  {path.relative_to(folder)}", soft_wrap=True)
    con.print(
        f"It is listed in month {int(exercise_id[1:3])}. Write the brief, the checks and the "
        f"solution, then `airoadmap dev check {exercise_id}`.",
        soft_wrap=True,
    )
