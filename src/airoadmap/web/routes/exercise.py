"""An exercise's page: the brief, the attempts over time with a chart of each metric against
its bar, the last check's messages, the hints taken, and the solution once it may be seen."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from airoadmap.capstone import rubric
from airoadmap.curriculum.loader import exercise_dir
from airoadmap.lab.projects import projects
from airoadmap.progress.store import OUTCOME_RANK, ProgressStore
from airoadmap.results import Outcome
from airoadmap.web.bars import exercise_bars
from airoadmap.web.charts import metric_charts
from airoadmap.web.deps import (
    Dashboard,
    exercise_or_404,
    from_this_machine,
    get_dashboard,
    get_store,
    render,
)
from airoadmap.web.markdown import render_code, render_markdown
from airoadmap.web.routes.month import project_view

router = APIRouter()

TABLE_ROWS = 50  # attempts listed (newest first); the chart shows them all


@dataclass(frozen=True)
class HintView:
    key: str
    taken: list[str]  # the tiers shown so far, first to last
    tiers: int


@cache
def brief_html(exercise_id: str) -> Markup:
    """The brief, rendered once per process (content does not change while it runs)."""
    path = exercise_dir(exercise_id) / "brief.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return Markup("<p>This exercise has no brief.</p>")
    return render_markdown(_without_title(text))


def _without_title(text: str) -> str:
    """The brief without its leading `# Title` line: the page shows the title already."""
    lines = text.lstrip("\n").split("\n", 1)
    if lines[0].startswith("# "):
        return lines[1] if len(lines) > 1 else ""
    return text


@cache
def solution_files(exercise_id: str, files: tuple[str, ...]) -> list[tuple[str, Markup, int]]:
    """(name, highlighted code, lines) of each solution file, rendered once per process."""
    folder = exercise_dir(exercise_id) / "solution"
    out = []
    for name in files:
        try:
            code = (folder / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        out.append((name, render_code(code, name), code.count("\n") + 1))
    return out


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse, name="exercise")
def exercise(
    request: Request,
    exercise_id: str,
    show_all: bool = Query(False, alias="all", description="List every attempt."),
    checked: int = Query(0, ge=0, description="The attempt a 'Check now' just recorded."),
    dash: Dashboard = Depends(get_dashboard),
    store: ProgressStore = Depends(get_store),
) -> HTMLResponse:
    cur = dash.curriculum
    ex = exercise_or_404(cur, exercise_id)
    attempts = store.attempts(ex.id)
    last = attempts[-1] if attempts else None
    passed = any(a.outcome == Outcome.PASS for a in attempts)
    revealed = store.revealed(ex.id)
    used = store.hints_used(ex.id)
    hints = [
        HintView(g.key, g.tiers[: used[g.key]], len(g.tiers)) for g in ex.hints if used.get(g.key)
    ]
    bars = exercise_bars(ex)
    charts = metric_charts(attempts, bars)
    first = 0 if show_all else max(0, len(attempts) - TABLE_ROWS)
    rows = [(i + 1, attempts[i]) for i in range(len(attempts) - 1, first - 1, -1)]
    month = cur.month(ex.month)
    folder = dash.workspace.exercise_path(cur, ex)
    project = projects().get(ex.id)
    return render(
        request,
        "exercise.html",
        {
            "title": f"{ex.id}: {ex.title}",
            "ex": ex,
            "month": month,
            "brief": brief_html(ex.id),
            "attempts": attempts,
            "rows": rows,
            "last": last,
            "best": max((a.outcome for a in attempts), key=OUTCOME_RANK.__getitem__, default=None),
            "bars": bars,
            "charts": charts,
            "hints": hints,
            "hint_groups": len(ex.hints),
            "revealed": revealed,
            "passed": passed,
            "solution": solution_files(ex.id, tuple(ex.files)) if (passed or revealed) else [],
            "folder": folder,
            "files": [(name, (folder / name).is_file()) for name in ex.files],
            "project": project_view(dash, project) if project else None,
            "checked": last is not None and checked == last.id,
            "can_check": from_this_machine(request),
            "latest_id": store.latest_attempt_id(ex.id),  # the page reloads when it changes
            "rubric": rubric(ex, last.checks) if ex.rubric and last is not None else None,
        },
    )
