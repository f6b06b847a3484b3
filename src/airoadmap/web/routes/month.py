"""A month's page: goal, topics and why they matter, tools, exercises with their status, quiz
cards due, the reference projects and their last run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from airoadmap.curriculum.models import Curriculum, Exercise, Month, Track
from airoadmap.errors import AiroadmapError
from airoadmap.lab.projects import Project, projects
from airoadmap.progress.store import AttemptRow, ProgressStore
from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.session import pick_due, select_cards
from airoadmap.results import Outcome
from airoadmap.web.artifacts import Artifact, Run, flat_metrics, project_runs
from airoadmap.web.deps import (
    Dashboard,
    form_fields,
    get_dashboard,
    get_store,
    render,
    require_token,
)
from airoadmap.web.overview import month_of

router = APIRouter()


@dataclass(frozen=True)
class ExerciseRow:
    exercise: Exercise
    best: Outcome | None
    attempts: int
    last: AttemptRow | None


@dataclass(frozen=True)
class TrackView:
    """One specialization track of the month: its exercises and whether the learner follows it."""

    track: Track
    rows: list[ExerciseRow]
    planned: list[str]
    chosen: bool  # the learner chose it
    counted: bool  # it counts for progress (chosen, or the default before a choice)


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


def _month_or_404(cur: Curriculum, which: str) -> Month:
    m = month_of(cur, which)
    if m is None:
        numbers = [x.number for x in cur.months]
        raise HTTPException(
            404,
            detail=f"Unknown month '{which}': the roadmap has months {min(numbers)} to "
            f"{max(numbers)}.",
        )
    return m


def _rows(cur: Curriculum, store: ProgressStore, ids: list[str]) -> list[ExerciseRow]:
    best = store.best_outcomes()
    rows = []
    for eid in ids:
        if eid not in cur.exercises:
            continue
        attempts = store.attempts(eid)
        rows.append(
            ExerciseRow(
                cur.exercises[eid], best.get(eid), len(attempts), attempts[-1] if attempts else None
            )
        )
    return rows


def _track_views(cur: Curriculum, store: ProgressStore, m: Month) -> list[TrackView]:
    chosen = store.tracks().get(m.number)
    counting = m.track(chosen)
    return [
        TrackView(
            t,
            _rows(cur, store, t.exercises),
            [e for e in t.exercises if e not in cur.exercises],
            chosen == t.id,
            t is counting,
        )
        for t in m.tracks
    ]


@router.post("/months/{which}/track", name="choose_track")
def choose_track(
    which: str,
    form: dict[str, str] = Depends(form_fields),
    dash: Dashboard = Depends(get_dashboard),
    store: ProgressStore = Depends(get_store),
) -> RedirectResponse:
    """Follow another track (the form on the month page); every attempt is kept."""
    from airoadmap.learner import choose_track as record

    require_token(dash, form)
    m = _month_or_404(dash.curriculum, which)
    try:
        record(store, m, form.get("track", ""))
    except AiroadmapError as exc:
        raise HTTPException(400, detail=str(exc)) from None
    return RedirectResponse(f"/months/{m.number}#tracks", status_code=303)


@router.get("/months/{which}", response_class=HTMLResponse, name="month")
def month(
    request: Request,
    which: str,
    dash: Dashboard = Depends(get_dashboard),
    store: ProgressStore = Depends(get_store),
) -> HTMLResponse:
    cur = dash.curriculum
    m = _month_or_404(cur, which)
    tracks = _track_views(cur, store, m)
    counting = next((t for t in tracks if t.counted), None)
    rows = _rows(cur, store, m.counted(counting.track.id if counting else None))
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
            "tracks": tracks,
            "planned": [
                e for e in m.planned if m.track_of(e) in (None, counting and counting.track)
            ],
            "track_chosen": any(t.chosen for t in tracks),
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
