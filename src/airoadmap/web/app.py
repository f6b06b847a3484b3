"""The FastAPI app factory: routers, static files, error pages, and the local-only guard."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from airoadmap.curriculum.loader import curriculum
from airoadmap.errors import AiroadmapError, UnknownIdError, WorkspaceError
from airoadmap.web.deps import Dashboard, render, utc_now
from airoadmap.web.routes import assets, exercise, live, month, quiz, roadmap, runs
from airoadmap.web.templating import make_templates
from airoadmap.web.tokens import TokenGuard, send_text
from airoadmap.workspace import Workspace

STATIC = Path(__file__).parent / "static"

# Names a browser on this machine uses for the dashboard. A page from another site that
# points a DNS name of its own at 127.0.0.1 (DNS rebinding) sends that name as Host and is
# refused. "testserver" is the host of Starlette's TestClient; it is no DNS name.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "testserver")

PAGE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _host_name(host_header: str) -> str:
    """'127.0.0.1:8765' -> '127.0.0.1'; '[::1]:8765' -> '::1'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class LocalGuard:
    """ASGI middleware: refuse foreign Host headers and cross-site form posts; add the
    security headers (a Content-Security-Policy without any network source) to responses."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if self.allowed is not None and _host_name(host) not in self.allowed:
            await send_text(
                send, 400, "Invalid Host header: open the dashboard at the URL it printed."
            )
            return
        if scope["method"] in _UNSAFE_METHODS and _cross_site(headers, host):
            await send_text(send, 403, "Cross-site request refused.")
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"content-security-policy", PAGE_CSP.encode()),
                    (b"x-frame-options", b"SAMEORIGIN"),
                ]
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in extra if k not in have
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def _cross_site(headers: dict[str, str], host: str) -> bool:
    """Whether a request comes from a page of another site (a form posted from elsewhere).

    Browsers send Sec-Fetch-Site; older ones only Origin. Scripts and tests send neither."""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    return origin is not None and origin.lower() != f"http://{host.lower()}"


def create_app(
    workspace: Workspace | None = None,
    *,
    allowed_hosts: Iterable[str] | None = LOCAL_HOSTS,
    clock: Callable[[], datetime] | None = None,
    cohort: str | None = None,
    token: str | None = None,
) -> FastAPI:
    """The dashboard of `workspace` (default: the one found from $AIROADMAP_WORKSPACE or the
    current folder; WorkspaceError when there is none and no cohort).

    allowed_hosts: Host header names accepted (None: any, for a dashboard served on the
    network). clock: returns the aware current time (tests fix it). cohort: a cohort
    database's URL, shown read-only under /cohort (CohortError when it cannot be opened);
    without a workspace the app has only those pages. token: when given, every request must
    carry it (tokens.py).
    """
    ws = workspace
    if ws is None:
        try:
            ws = Workspace.find()
        except WorkspaceError:
            if cohort is None:
                raise
    site = None
    if cohort is not None:
        from airoadmap.web.routes import cohort as cohort_pages

        site = cohort_pages.open_site(cohort)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if site is not None:  # close the cohort database's connections
            site.engine.dispose()

    app = FastAPI(
        title="airoadmap dashboard",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.dashboard = Dashboard(
        ws, curriculum(), make_templates(), clock or utc_now, cohort=site
    )
    app.include_router(assets.router)
    if ws is not None:
        for module in (roadmap, month, exercise, live, runs, quiz):
            app.include_router(module.router)
    else:
        app.add_api_route("/", _to_cohort, include_in_schema=False)
    if site is not None:
        app.include_router(cohort_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if token is not None:
        app.add_middleware(TokenGuard, token=token)
    app.add_middleware(LocalGuard, allowed_hosts=allowed_hosts)
    _error_pages(app)
    return app


def _to_cohort() -> RedirectResponse:
    """The front page of a dashboard without a workspace: the cohort."""
    return RedirectResponse("/cohort", status_code=307)


def _error_pages(app: FastAPI) -> None:
    titles = {400: "Bad request", 403: "Refused", 404: "Not found", 405: "Not allowed"}

    def page(request: Request, status: int, message: str) -> HTMLResponse:
        title = titles.get(status, "Something went wrong")
        ctx = {"title": title, "status": status, "message": message}
        return render(request, "error.html", ctx, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        message = exc.detail if isinstance(exc.detail, str) else titles.get(exc.status_code, "")
        if exc.status_code == 404 and message == "Not Found":
            message = f"There is no page at {request.url.path}."
        response = page(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> HTMLResponse:
        wrong = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}"
            for e in exc.errors()
        )
        return page(request, 400, f"The request is not valid ({wrong}).")

    @app.exception_handler(AiroadmapError)
    async def airoadmap_error(request: Request, exc: AiroadmapError) -> HTMLResponse:
        return page(request, 404 if isinstance(exc, UnknownIdError) else 500, str(exc))
