"""`airoadmap portfolio build | verify`: a static site and a README from what passed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from airoadmap.errors import AiroadmapError

portfolio_app = typer.Typer(
    name="portfolio",
    help="Your portfolio: a static site and a README.md from the exercises you passed.",
    no_args_is_help=True,
)


@portfolio_app.command("build")
def build(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder of the site (default: <workspace>/portfolio)."),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Your name, for the title of the site.")
    ] = None,
    code: Annotated[
        bool,
        typer.Option(
            "--code/--no-code",
            help="Copy your graded files into the site (their hashes are listed either way).",
        ),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was built as JSON.")] = False,
) -> None:
    """Build the portfolio from the exercises whose best outcome is PASS.

    One page per passed exercise (brief, metrics against the bars, figures of your latest
    run, a model card where a model was trained), an index, a README.md for a GitHub profile
    repository and manifest.json with the hash of every graded file. It opens from disk:
    no server, no network. A rebuild replaces the previous site.
    """
    from airoadmap.cli.render import console, error
    from airoadmap.portfolio import build_portfolio
    from airoadmap.workspace import Workspace

    try:
        result = build_portfolio(Workspace.find(), out, owner=name, include_code=code)
    except AiroadmapError as exc:
        error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    if as_json:
        print(json.dumps(result.as_dict(), indent=2))
        return
    con = console()
    n = len(result.included)
    if n == 0:
        con.print(
            "Nothing has passed yet: the portfolio is empty. Pass an exercise "
            "(`airoadmap check ID`) and build again."
        )
    else:
        con.print(f"Portfolio of {n} passed exercise{'s' if n != 1 else ''}: [cyan]{result.out}[/]")
    for eid in result.modified:
        con.print(f"  [yellow]{eid}[/]: modified since it passed (marked on its page)")
    for eid in result.starter:
        con.print(
            f"  [yellow]{eid}[/]: passed, but its files here are the untouched starter: "
            "no code is shown for it (marked on its page)"
        )
    con.print(f"  open: [cyan]{(result.out / 'index.html').as_uri()}[/]")


@portfolio_app.command("verify")
def verify(
    folder: Annotated[
        Path | None,
        typer.Argument(help="The site's folder (default: <workspace>/portfolio)."),
    ] = None,
) -> None:
    """Recompute the hashes of a built site's files and compare them with its manifest;
    check every resume bullet's number against its run, and, in the workspace, every figure
    against the run it came from."""
    from airoadmap.cli.render import console, error
    from airoadmap.errors import WorkspaceError
    from airoadmap.portfolio import verify_site
    from airoadmap.workspace import Workspace

    try:
        try:  # in a workspace, figures are also compared with the runs they came from
            ws: Workspace | None = Workspace.find()
        except WorkspaceError:
            ws = None
        if folder is None:
            from airoadmap.portfolio.site import DEFAULT_DIR

            folder = Workspace.find().root / DEFAULT_DIR
        verdicts = verify_site(folder, ws.runs_dir if ws is not None else None)
    except AiroadmapError as exc:
        error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    con = console()
    broken = 0
    for v in verdicts:
        if not v.files_intact:
            broken += 1
            con.print(f"[red]{v.exercise_id}[/]: " + "; ".join(v.problems))
        elif v.code_matches is None:
            con.print(f"{v.exercise_id}: files intact; code not in the site, hash not recomputed")
        elif v.code_matches:
            con.print(f"[green]{v.exercise_id}[/]: the code hashes to the graded code hash")
        else:
            con.print(f"[yellow]{v.exercise_id}[/]: files intact; modified since it passed")
    if broken:
        error(f"{broken} exercise(s) of {folder} do not match manifest.json.")
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `portfolio build` and `portfolio verify` to a Typer app."""
    app.add_typer(portfolio_app, name="portfolio")
