"""`airoadmap dashboard`: serve the local web dashboard (airoadmap.web) with uvicorn.

The port is bound here, before uvicorn starts, so that a port in use is one clear line and
the printed URL is the one that answers (also with --port 0, any free port).
"""

from __future__ import annotations

import errno
import ipaddress
import os
import secrets
import socket
from types import FrameType
from typing import Annotated

import typer

from airoadmap.errors import AiroadmapError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
ANY_HOST = ("0.0.0.0", "::", "")


def dashboard(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; 0.0.0.0 makes it reachable from other machines."),
    ] = DEFAULT_HOST,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")
    ] = DEFAULT_PORT,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the dashboard in your web browser.")
    ] = False,
    cohort: Annotated[
        str | None,
        typer.Option(
            help="A cohort database's URL (the instructor's): adds the class pages under "
            "/cohort, read-only. Works outside a workspace."
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            help="Every request must carry this token (?token= once, then a cookie). With "
            "--cohort on an address other than loopback one is made when not given."
        ),
    ] = None,
) -> None:
    """Open your roadmap and progress in a browser: a local web dashboard (Ctrl-C stops it)."""
    from airoadmap.cli.render import error

    try:
        serve(host, port, open_browser, cohort=cohort, token=token)
    except AiroadmapError as exc:
        error(str(exc))
        raise typer.Exit(exc.exit_code) from None


def register(app: typer.Typer) -> None:
    """Add `dashboard` to a Typer app."""
    app.command(name="dashboard")(dashboard)


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port, or one clear AiroadmapError."""
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as exc:
        raise AiroadmapError(
            f"Cannot listen on '{host}': {exc.strerror}. Use an address of this machine, "
            f"e.g. --host {DEFAULT_HOST}."
        ) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        if os.name != "nt":  # on Windows this would let two servers share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise AiroadmapError(
                f"Port {port} on {host} is in use (another dashboard?): choose another one "
                f"with --port, e.g. --port {port + 1 if port < 65535 else DEFAULT_PORT}."
            ) from None
        if exc.errno == errno.EACCES:
            raise AiroadmapError(
                f"Port {port} needs special privileges: choose one above 1023 with --port."
            ) from None
        raise AiroadmapError(
            f"Cannot listen on {host}:{port}: {exc.strerror or exc}. Check --host and --port."
        ) from None
    return sock


def url_for(host: str, port: int) -> str:
    """The URL a browser on this machine opens for a server on host:port."""
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def is_loopback(host: str) -> bool:
    """Whether `host` is an address only this machine reaches."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    host: str,
    port: int,
    open_browser: bool,
    *,
    cohort: str | None = None,
    token: str | None = None,
) -> None:
    """Find the workspace (or open the cohort), bind the port, print the URL and serve until
    Ctrl-C. A cohort served beyond loopback always has a token (made here when not given)."""
    try:
        import uvicorn

        from airoadmap.web import tokens
        from airoadmap.web.app import LOCAL_HOSTS, create_app
    except ImportError as exc:
        raise AiroadmapError(
            f"The dashboard needs the web extra ({exc.name} is missing): "
            "pip install 'airoadmap[web]'."
        ) from None
    from airoadmap.cli.render import console
    from airoadmap.errors import WorkspaceError
    from airoadmap.workspace import Workspace

    if token is not None and not tokens.valid(token):
        raise AiroadmapError(
            f"--token {token!r} cannot be used: {tokens.TOKEN_RULE} (or leave it out and one "
            "is made)."
        )
    if cohort is not None and token is None and not is_loopback(host):
        token = secrets.token_urlsafe(24)
    if cohort is None:
        ws: Workspace | None = Workspace.find()  # WorkspaceError: "run `airoadmap init DIR`"
    else:
        try:
            ws = Workspace.find()
        except WorkspaceError:
            ws = None  # an instructor may have no workspace: the cohort pages only
    allowed = None if host in ANY_HOST else (*LOCAL_HOSTS, host)
    app = create_app(ws, allowed_hosts=allowed, cohort=cohort, token=token)
    sock = bind(host, port)
    url = url_for(host, sock.getsockname()[1])
    if ws is None:
        url += "cohort"
    shown_url = f"{url}?token={token}" if token else url
    con = console()
    what = f"[bold]{ws.root}[/]" if ws is not None else "the cohort"
    if cohort is not None:
        from rich.markup import escape

        shown = f"[bold]{escape(app.state.dashboard.cohort.url)}[/]"
        what += f" and the cohort {shown} (/cohort, read-only)" if ws else f" {shown} (read-only)"
    con.print(f"Dashboard of {what} at [cyan]{shown_url}[/] (Ctrl-C stops it)", soft_wrap=True)
    if token:
        con.print("Every request needs the token: open the URL above (it sets a cookie).")
    if host in ANY_HOST or not is_loopback(host):
        guard = "with the token" if token else "anyone there can see it"
        con.print(f"[yellow]Reachable from other machines on your network: {guard}.[/]")
    if open_browser:
        import webbrowser

        if not webbrowser.open(url):
            con.print(f"Could not open a browser: open {url} yourself.")
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=5,  # a stream left open anyway does not keep Ctrl-C waiting
    )
    stopping = app.state.dashboard.stopping

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            stopping.set()  # the pages' event streams end at their next poll
            super().handle_exit(sig, frame)

    try:
        Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down, then raises the Ctrl-C it caught again
        pass
    finally:
        sock.close()
    con.print("Dashboard stopped.")
