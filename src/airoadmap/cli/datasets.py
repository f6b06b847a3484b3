"""Terminal views of the data set registry."""

from __future__ import annotations

import json
import sys

from rich.table import Table

from airoadmap.cli.render import console


def show_list(as_json: bool) -> None:
    from airoadmap.datasets import list_datasets

    rows = list_datasets()
    if as_json:
        sys.stdout.write(json.dumps([r.as_dict() for r in rows], indent=2, default=str) + "\n")
        return
    table = Table(title="Data sets", title_justify="left")
    for col in ("Name", "Title", "", "Where"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.name, r.title, "[green]✔[/]" if r.available else "[red]✘[/]", r.where)
    console().print(table)


def verify_all(name: str | None) -> bool:
    from airoadmap.datasets import list_datasets, verify

    names = [name] if name else [r.name for r in list_datasets() if r.available]
    ok = True
    for n in names:
        result = verify(n)
        ok = ok and result.ok is not False  # None: no checksum registered to compare
        mark = "[green]✔[/]" if result.ok else "[red]✘[/]"
        console().print(f"{mark} {n}: {result.detail}", soft_wrap=True)
    return ok
