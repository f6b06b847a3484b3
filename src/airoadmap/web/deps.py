"""What every route needs: the dashboard's settings, the progress store, page rendering."""

from __future__ import annotations

import difflib
import hmac
import ipaddress
import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from airoadmap.curriculum.models import Curriculum, Exercise
from airoadmap.learner import open_store
from airoadmap.progress.store import ProgressStore
from airoadmap.workspace import Workspace

if TYPE_CHECKING:
    from airoadmap.web.routes.cohort import CohortSite


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Dashboard:
    """The app's fixed state: the workspace it shows (None: an instructor's dashboard of a
    cohort only), the curriculum, templates, the clock, the cohort (`--cohort`)."""

    learner_workspace: Workspace | None
    curriculum: Curriculum
    templates: Jinja2Templates
    clock: Callable[[], datetime] = utc_now  # aware, UTC; tests pass their own
    # The token every form that changes something carries (a page of another site cannot
    # read it); new for each start of the dashboard.
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # Set when the server begins to stop: open event streams end at their next poll.
    stopping: threading.Event = field(default_factory=threading.Event)
    # Held while a "Check now" runs: one check at a time.
    checking: threading.Lock = field(default_factory=threading.Lock)
    cohort: CohortSite | None = None  # the cohort shown under /cohort

    @property
    def workspace(self) -> Workspace:
        """The learner's workspace; 404 on a dashboard started without one."""
        if self.learner_workspace is None:
            raise HTTPException(
                404,
                detail="This dashboard shows a cohort only: start `airoadmap dashboard` in a "
                "learner's workspace to see the learner's pages.",
            )
        return self.learner_workspace

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """The learner's calendar day (local time), as the CLI counts days."""
        return self.clock().astimezone().date()


def not_found(what: str, given: str, known: list[str]) -> HTTPException:
    """A 404 naming what was asked for, with the closest known name when there is one."""
    close = difflib.get_close_matches(given, known, n=1)
    maybe = f" Did you mean {close[0]}?" if close else ""
    return HTTPException(404, detail=f"{what}.{maybe}")


def exercise_or_404(cur: Curriculum, exercise_id: str) -> Exercise:
    """The exercise with this id, or a 404 that suggests the closest id."""
    ex = cur.exercises.get(exercise_id)
    if ex is None:
        raise not_found(f"Unknown exercise '{exercise_id}'", exercise_id, list(cur.exercises))
    return ex


def get_dashboard(request: Request) -> Dashboard:
    dash: Dashboard = request.app.state.dashboard
    return dash


MAX_FORM_BYTES = 16_384


async def form_fields(request: Request) -> dict[str, str]:
    """An urlencoded form's fields (the last value of each)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        raise HTTPException(415, detail="Send the form as application/x-www-form-urlencoded.")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, detail="The form is too large.")
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[-1] for k, v in fields.items()}


def require_token(dash: Dashboard, form: dict[str, str]) -> None:
    """Refuse (403) a form without this dashboard's CSRF token: one sent from elsewhere,
    or from a page of an earlier start of the dashboard."""
    given = form.get("csrf", "")
    if not hmac.compare_digest(given.encode(), dash.csrf_token.encode()):
        raise HTTPException(
            403,
            detail="This form is out of date or was not sent by the dashboard: reload the "
            "page and try again.",
        )


def from_this_machine(request: Request) -> bool:
    """Whether the request comes from the loopback address (Starlette's TestClient, which
    connects to no address, calls itself "testclient")."""
    host = request.client.host if request.client else ""
    if host == "testclient":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def get_store(dash: Dashboard = Depends(get_dashboard)) -> Iterator[ProgressStore]:
    """The workspace's progress store, opened for one request (as the CLI opens it): a
    `check` run in a terminal shows on the next page load."""
    with open_store(dash.workspace) as store:
        yield store


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page from templates/ with `context` (and the request, for url_for)."""
    dash = get_dashboard(request)
    return dash.templates.TemplateResponse(
        request, template, {"dash": dash, **context}, status_code=status_code
    )
