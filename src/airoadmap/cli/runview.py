"""`airoadmap run`'s output: a line per stage of the project as it ends (with a spinner on
the stage under way, in a terminal) and, at the end, the run's headline numbers."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape


def run_with_progress(
    con: Console, project_id: str, out: Path | None, **options: Any
) -> tuple[Path, float]:
    """Run the project as `lab.projects.run` does, showing each stage; returns the run
    folder and the seconds it took."""
    from airoadmap.lab.projects import run

    started = time.perf_counter()
    mine = options.get("mine")
    whose = (
        "the reference project on real data"
        if mine is None
        else f"with your code of {mine.exercise_id} that passed, on real data"
    )
    con.print(f"Running [bold]{project_id}[/] ({whose})")
    current: list[tuple[str, float]] = []  # the stage under way and when it began

    def end_stage(mark: str) -> None:
        if current:
            name, began = current.pop()
            took = time.perf_counter() - began
            con.print(f"  {mark} {escape(name)} [dim]({took:.1f} s)[/]", highlight=False)

    with con.status(f"{project_id}: starting") as status:

        def on_stage(name: str) -> None:
            end_stage("[green]✓[/]")
            current.append((name, time.perf_counter()))
            status.update(f"{project_id}: {escape(name)}...")

        try:
            run_dir = run(project_id, out, on_stage=on_stage, **options)
        except BaseException:
            end_stage("[red]✗[/]")  # the stage that failed (or was interrupted)
            raise
        end_stage("[green]✓[/]")
    return run_dir, time.perf_counter() - started


def number(value: Any) -> str:
    """A headline number for people: 0.821, 2,925, 3.1e-08."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    if value != 0 and abs(value) < 0.001:
        return f"{value:.2g}"
    return f"{value:,.3f}" if abs(value) < 1000 else f"{value:,.0f}"


def headline_line(project_id: str, run_dir: Path, seconds: float) -> str:
    """'m04-titanic in 34.1 s: holdout accuracy 0.821 · cv accuracy 0.830' from metrics.json."""
    from airoadmap.lab.projects import headline, projects

    try:
        metrics = json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        metrics = None
    project = projects()[project_id]
    numbers = headline(project, metrics)
    said = " · ".join(
        f"{name.replace('_', ' ').replace('.', ' ')} [bold]{escape(number(value))}[/]"
        for name, value in numbers
    )
    took = f"[bold]{project_id}[/] in {seconds:.1f} s"
    return f"{took}: {said}" if said else f"{took} (its metrics are in metrics.json)"
