"""What every route needs: the dashboard's settings, the progress store, page rendering."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from airoadmap.curriculum.models import Curriculum
from airoadmap.learner import open_store
from airoadmap.progress.store import ProgressStore
from airoadmap.workspace import Workspace


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Dashboard:
    """The app's fixed state: the workspace it shows, the curriculum, templates, the clock."""

    workspace: Workspace
    curriculum: Curriculum
    templates: Jinja2Templates
    clock: Callable[[], datetime] = utc_now  # aware, UTC; tests pass their own

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """The learner's calendar day (local time), as the CLI counts days."""
        return self.clock().astimezone().date()


def get_dashboard(request: Request) -> Dashboard:
    dash: Dashboard = request.app.state.dashboard
    return dash


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
