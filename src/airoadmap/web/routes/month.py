"""A month's page: goal, topics and why they matter, tools, exercises with their status, quiz
cards due, the reference projects and their last run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from airoadmap.curriculum.models import Exercise
from airoadmap.lab.projects import Project, projects
from airoadmap.progress.store import AttemptRow, ProgressStore
from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.session import pick_due, select_cards
from airoadmap.results import Outcome
from airoadmap.web.artifacts import Artifact, Run, flat_metrics, project_runs
from airoadmap.web.deps import Dashboard, get_dashboard, get_store, render
from airoadmap.web.overview import month_of

router = APIRouter()


@dataclass(frozen=True)
class ExerciseRow:
    exercise: Exercise
    best: Outcome | None
    attempts: int
    last: AttemptRow | None


@dataclass(frozen=True)
class ProjectView:
    project: Project
    run: Run | None
    runs: int
    metrics: list[tuple[str, Any]]
    figures: list[Artifact]


def project_view(dash: Dashboard, project: Project, figures: int = 3) -> ProjectView:
    """A reference project with its newest run (metrics and a few figures), if any."""
    runs = project_runs(dash.workspace.runs_dir, project.id)
    if not runs:
        return ProjectView(project, None, 0, [], [])
    last = runs[0]
    return ProjectView(
        project, last, len(runs), flat_metrics(last.metrics(), 6), last.files().figures[:figures]
    )


def month_projects(number: int) -> list[Project]:
    """The reference projects of a month (their ids start with mNN-)."""
    return [p for pid, p in projects().items() if pid.startswith(f"m{number:02d}-")]


@router.get("/months/{which}", response_class=HTMLResponse, name="month")
def month(
    request: Request,
    which: str,
    dash: Dashboard = Depends(get_dashboard),
    store: ProgressStore = Depends(get_store),
) -> HTMLResponse:
    cur = dash.curriculum
    m = month_of(cur, which)
    if m is None:
        numbers = [x.number for x in cur.months]
        raise HTTPException(
            404,
            detail=f"Unknown month '{which}': the roadmap has months {min(numbers)} to "
            f"{max(numbers)}.",
        )
    best = store.best_outcomes()
    rows = []
    for eid in m.exercises:
        if eid not in cur.exercises:
            continue
        attempts = store.attempts(eid)
        rows.append(
            ExerciseRow(
                cur.exercises[eid], best.get(eid), len(attempts), attempts[-1] if attempts else None
            )
        )
    cards = select_cards(all_cards(), month=m.number)
    due = pick_due(cards, store.quiz_reviews(), dash.now())
    phase = next((p for p in cur.roadmap.phases if p.id == m.phase), None)
    extras = {x.id: x for x in cur.roadmap.extras}
    numbers = [x.number for x in cur.months]
    return render(
        request,
        "month.html",
        {
            "title": f"Month {m.number}: {m.title}",
            "month": m,
            "phase": phase,
            "exercises": rows,
            "passed": sum(1 for r in rows if r.best == Outcome.PASS),
            "cards": len(cards),
            "due": len(due),
            "projects": [project_view(dash, p) for p in month_projects(m.number)],
            "extras": [extras[x] for x in m.extras if x in extras],
            "exercise_ids": set(cur.exercises),
            "prev": m.number - 1 if m.number - 1 in numbers else None,
            "next": m.number + 1 if m.number + 1 in numbers else None,
            "workspace_folder": dash.workspace.month_dir(m),
        },
    )
