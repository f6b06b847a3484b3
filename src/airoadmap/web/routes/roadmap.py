"""The roadmap page: four phases, twelve months on a timeline, the schedule, the next step."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from airoadmap.learner import status_from_store
from airoadmap.progress.schedule import ScheduleStatus
from airoadmap.progress.store import ProgressStore
from airoadmap.web.deps import Dashboard, get_dashboard, get_store, render
from airoadmap.web.overview import MonthCard, month_cards, next_exercise

router = APIRouter()


@dataclass(frozen=True)
class PhaseView:
    number: int
    title: str
    goal: str
    months: list[MonthCard]


def today_percent(sched: ScheduleStatus | None) -> float | None:
    """Where today falls on the plan's timeline, 0..100 (None without a schedule)."""
    if sched is None:
        return None
    total = sum(m.weeks_planned for m in sched.months)
    if total <= 0:
        return None
    return round(100 * min(max(sched.weeks_elapsed / total, 0.0), 1.0), 2)


@router.get("/", response_class=HTMLResponse, name="roadmap")
def roadmap(
    request: Request,
    dash: Dashboard = Depends(get_dashboard),
    store: ProgressStore = Depends(get_store),
) -> HTMLResponse:
    cur = dash.curriculum
    st = status_from_store(cur, dash.workspace, store, dash.today(), dash.now())
    cards = month_cards(st)
    phases = [
        PhaseView(p.number, p.title, p.goal, [cards[n] for n in p.months if n in cards])
        for p in cur.roadmap.phases
    ]
    nxt = next_exercise(st)
    total = sum(c.total for c in cards.values())
    return render(
        request,
        "roadmap.html",
        {
            "title": cur.roadmap.title,
            "roadmap": cur.roadmap,
            "status": st,
            "schedule": st.schedule,
            "phases": phases,
            "months": [cards[m.number] for m in cur.months],
            "next": cur.exercises.get(nxt) if nxt else None,
            "passed": len(st.passed & set(cur.exercises)),
            "total": total,
            "due": sum(st.cards_due.values()),
            "today_percent": today_percent(st.schedule),
        },
    )
