"""`airoadmap dashboard`: serve the local web dashboard (airoadmap.web) with uvicorn.

The port is bound here, before uvicorn starts, so that a port in use is one clear line and
the printed URL is the one that answers (also with --port 0, any free port).
"""

from __future__ import annotations

import errno
import os
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
) -> None:
    """Open your roadmap and progress in a browser: a local web dashboard (Ctrl-C stops it)."""
    from airoadmap.cli.render import error

    try:
        serve(host, port, open_browser)
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


def serve(host: str, port: int, open_browser: bool) -> None:
    """Find the workspace, bind the port, print the URL and serve until Ctrl-C."""
    try:
        import uvicorn

        from airoadmap.web.app import LOCAL_HOSTS, create_app
    except ImportError as exc:
        raise AiroadmapError(
            f"The dashboard needs the web extra ({exc.name} is missing): "
            "pip install 'airoadmap[web]'."
        ) from None
    from airoadmap.cli.render import console
    from airoadmap.workspace import Workspace

    ws = Workspace.find()  # WorkspaceError: "run `airoadmap init DIR` ..."
    allowed = None if host in ANY_HOST else (*LOCAL_HOSTS, host)
    app = create_app(ws, allowed_hosts=allowed)
    sock = bind(host, port)
    url = url_for(host, sock.getsockname()[1])
    con = console()
    con.print(f"Dashboard of [bold]{ws.root}[/] at [cyan]{url}[/] (Ctrl-C stops it)")
    if host in ANY_HOST:
        con.print(
            "[yellow]Reachable from other machines on your network: anyone there can see it.[/]"
        )
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
