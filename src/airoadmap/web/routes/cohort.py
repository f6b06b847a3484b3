"""The instructor view (`airoadmap dashboard --cohort URL`): the class against the schedule,
each exercise's pass rate and the checks that fail, each learner's progress, a CSV export.

Read-only (cohort/report.py opens the database so); each page reads the database anew, so a
sync or a batch grading shows on the next load.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.engine import Engine

from airoadmap.cohort import report as rep
from airoadmap.cohort.db import guard, shown
from airoadmap.curriculum.models import Month
from airoadmap.web.deps import Dashboard, exercise_or_404, get_dashboard, not_found, render

router = APIRouter(prefix="/cohort")

OK, BAD, MUTED, ACCENT, WARN = "#1a7f37", "#cf222e", "#8c959f", "#0969da", "#9a6700"
PER_LEARNER_BARS = 60  # more learners than this: a histogram instead of one bar each
TABLE_ROWS = 200  # learners listed in a table of the overview; the CSV has them all


@dataclass(frozen=True)
class CohortSite:
    """The cohort the dashboard shows: a read-only engine and its URL without the password."""

    engine: Engine
    url: str


@dataclass(frozen=True)
class MonthRow:
    """A month on a learner's page: its counted exercises and when it ends."""

    month: Month
    ids: list[str]
    ends: date  # the day the next month starts
    ended: bool
    current: bool

    @property
    def last_day(self) -> date:
        return self.ends - timedelta(days=1)


def open_site(url: str) -> CohortSite:
    """Open the cohort database read-only (CohortError / CohortOffline: one line)."""
    engine, _ = rep.open_cohort(url)
    return CohortSite(engine, shown(url))


def get_site(dash: Dashboard = Depends(get_dashboard)) -> CohortSite:
    if dash.cohort is None:
        raise HTTPException(
            404, detail="This dashboard shows no cohort: start it with --cohort URL."
        )
    return dash.cohort


def name_url(name: str) -> str:
    """The learner page of `name` (every character of the name percent-encoded)."""
    return "/cohort/learners/" + quote(name, safe="")


def _layout(height: int, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "height": height,
        "margin": {"l": 56, "r": 16, "t": 16, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "system-ui, sans-serif", "size": 12},
        "showlegend": False,
        "bargap": 0.25,
    }
    layout.update(extra)
    return layout


def _hline(y: float, text: str, color: str = WARN) -> dict[str, Any]:
    return {
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": y,
                "y1": y,
                "line": {"color": color, "width": 2, "dash": "dash"},
            }
        ],
        "annotations": [
            {
                "xref": "paper",
                "x": 1,
                "xanchor": "right",
                "y": y,
                "yanchor": "bottom",
                "text": text,
                "showarrow": False,
                "font": {"color": color},
            }
        ],
    }


def pass_rate_chart(rows: Sequence[rep.ExerciseRow]) -> dict[str, Any]:
    """Bars: the share of those who tried that passed, and of the whole class."""
    xs = [r.id for r in rows]
    tried = [round(100 * (r.pass_rate or 0.0), 1) for r in rows]
    reach = [round(100 * (r.reach or 0.0), 1) for r in rows]
    text = [
        f"{r.passed} of {r.tried} who tried · {r.passed} of {r.class_size} in the class"
        + (f" · median {r.median_attempts:g} attempts" if r.median_attempts else "")
        for r in rows
    ]
    return {
        "data": [
            {
                "type": "bar",
                "textposition": "none",
                "name": "of those who tried",
                "x": xs,
                "y": tried,
                "text": text,
                "marker": {"color": [OK if v >= 50 else BAD for v in tried]},
                "hovertemplate": "%{x}: %{y}% passed<br>%{text}<extra></extra>",
            },
            {
                "type": "bar",
                "textposition": "none",
                "name": "of the class",
                "x": xs,
                "y": reach,
                "text": text,
                "marker": {"color": ACCENT, "opacity": 0.45},
                "hovertemplate": "%{x}: %{y}% of the class passed<br>%{text}<extra></extra>",
            },
        ],
        "layout": _layout(
            320,
            barmode="group",
            showlegend=True,
            legend={"orientation": "h", "y": 1.12, "x": 0},
            margin={"l": 56, "r": 16, "t": 28, "b": 110},
            yaxis={"title": {"text": "% passed"}, "range": [0, 105], "ticksuffix": "%"},
            xaxis={"tickangle": -40, "automargin": True},
        ),
    }


def progress_chart(learners: Sequence[rep.LearnerRow], due: int) -> dict[str, Any]:
    """Exercises passed by each learner (red: behind), against what the ended months hold."""
    if len(learners) > PER_LEARNER_BARS:
        counts: dict[int, int] = {}
        for r in learners:
            counts[len(r.passed)] = counts.get(len(r.passed), 0) + 1
        xs = sorted(counts)
        fig_data = [
            {
                "type": "bar",
                "textposition": "none",
                "x": xs,
                "y": [counts[x] for x in xs],
                "marker": {"color": [BAD if x < due else OK for x in xs]},
                "hovertemplate": "%{y} learners passed %{x} exercises<extra></extra>",
            }
        ]
        layout = _layout(
            300,
            xaxis={"title": {"text": "exercises passed"}},
            yaxis={"title": {"text": "learners"}},
        )
        layout["shapes"] = [
            {
                "type": "line",
                "yref": "paper",
                "x0": due - 0.5,
                "x1": due - 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": WARN, "width": 2, "dash": "dash"},
            }
        ]
        return {"data": fig_data, "layout": layout}
    ordered = sorted(learners, key=lambda r: (-len(r.passed), r.name))
    return {
        "data": [
            {
                "type": "bar",
                "textposition": "none",
                "x": [r.name for r in ordered],
                "y": [len(r.passed) for r in ordered],
                "text": [
                    f"{len(r.passed)} passed, {len(r.due)} due"
                    + (f"; missing {', '.join(r.missing[:4])}" if r.missing else "")
                    for r in ordered
                ],
                "marker": {"color": [BAD if r.behind else OK for r in ordered]},
                "hovertemplate": "%{x}: %{text}<extra></extra>",
            }
        ],
        "layout": _layout(
            300,
            margin={"l": 56, "r": 16, "t": 16, "b": 90},
            xaxis={"tickangle": -40, "automargin": True},
            # room above the bars and the line for the line's label
            yaxis={
                "title": {"text": "exercises passed"},
                "range": [0, 1.2 * max([due, 1, *(len(r.passed) for r in ordered)])],
            },
            **_hline(due, f"due by now: {due}"),
        ),
    }


def retention_chart(groups: Sequence[rep.Retention]) -> dict[str, Any]:
    rates = [round(100 * (g.rate or 0.0), 1) for g in groups]
    return {
        "data": [
            {
                "type": "bar",
                "textposition": "none",
                "x": [g.label for g in groups],
                "y": rates,
                "text": [f"{g.recalled} of {g.reviews} reviews remembered" for g in groups],
                "marker": {"color": [OK if v >= 80 else WARN if v >= 60 else BAD for v in rates]},
                "hovertemplate": "%{x}: %{y}%<br>%{text}<extra></extra>",
            }
        ],
        "layout": _layout(
            260,
            bargap=0.6 if len(groups) < 4 else 0.25,
            yaxis={"title": {"text": "% remembered"}, "range": [0, 105], "ticksuffix": "%"},
        ),
    }


def attempts_chart(histogram: Sequence[tuple[int, int]]) -> dict[str, Any]:
    return {
        "data": [
            {
                "type": "bar",
                "textposition": "none",
                "x": [a for a, _ in histogram],
                "y": [n for _, n in histogram],
                "marker": {"color": ACCENT},
                "hovertemplate": "%{y} learners passed at attempt %{x}<extra></extra>",
            }
        ],
        "layout": _layout(
            240,
            xaxis={"title": {"text": "attempts to the first pass"}, "dtick": 1},
            yaxis={"title": {"text": "learners"}, "rangemode": "tozero"},
        ),
    }


def learner_chart(
    row: rep.LearnerRow, ends: dict[int, date], counted: dict[int, int]
) -> dict[str, Any]:
    """Exercises passed over time (a step line) against the exercises due as months end."""
    start = row.status.start_date
    today = row.status.today
    passes = sorted(
        t.passed_at.date() for e, t in row.tallies.items() if e in set(row.passed) and t.passed_at
    )
    xs, ys = [start.isoformat()], [0]
    for n, day in enumerate(passes, start=1):
        xs.append(day.isoformat())
        ys.append(n)
    xs.append(max(today, passes[-1] if passes else today).isoformat())
    ys.append(len(passes))
    due_x, due_y, total = [start.isoformat()], [0], 0
    for number in sorted(ends):
        if ends[number] > today:
            break
        total += counted[number]
        due_x.append(ends[number].isoformat())
        due_y.append(total)
    due_x.append(today.isoformat())
    due_y.append(total)
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "name": "due (months ended)",
                "x": due_x,
                "y": due_y,
                "line": {"shape": "hv", "color": WARN, "dash": "dash", "width": 2},
                "hovertemplate": "%{x}: %{y} due<extra></extra>",
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "passed",
                "x": xs,
                "y": ys,
                "line": {"shape": "hv", "color": BAD if row.behind else OK, "width": 3},
                "marker": {"size": 5},
                "hovertemplate": "%{x}: %{y} passed<extra></extra>",
            },
        ],
        "layout": _layout(
            260,
            showlegend=True,
            legend={"orientation": "h", "y": 1.15, "x": 0},
            margin={"l": 56, "r": 16, "t": 28, "b": 40},
            xaxis={"type": "date"},
            yaxis={"title": {"text": "exercises"}, "rangemode": "tozero"},
        ),
    }


def _report(dash: Dashboard, site: CohortSite, learner: str | None = None) -> rep.CohortReport:
    """The class (or one learner) today; a database that went away is one line on an error
    page."""
    with guard(site.url, "read"):
        return rep.build_report(site.engine, dash.curriculum, dash.today(), learner=learner)


@router.get("", response_class=HTMLResponse, name="cohort")
def overview(
    request: Request,
    dash: Dashboard = Depends(get_dashboard),
    site: CohortSite = Depends(get_site),
) -> HTMLResponse:
    report = _report(dash, site)
    started = report.plan.current_month
    shown_rows = [
        r
        for r in report.exercises
        if r.tried or (report.plan.state != "not_started" and r.month <= started)
    ]
    charts = {"progress": progress_chart(report.learners, report.due)}
    if shown_rows:
        charts["pass-rates"] = pass_rate_chart(shown_rows)
    if report.retention:
        charts["retention"] = retention_chart(report.retention)
    return render(
        request,
        "cohort.html",
        {
            "title": f"{report.info.name}: the class",
            "report": report,
            "site": site,
            "exercise_rows": shown_rows,
            "charts": charts,
            "name_url": name_url,
            "table_rows": TABLE_ROWS,
        },
    )


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse, name="cohort_exercise")
def exercise(
    request: Request,
    exercise_id: str,
    dash: Dashboard = Depends(get_dashboard),
    site: CohortSite = Depends(get_site),
) -> HTMLResponse:
    cur = dash.curriculum
    ex = exercise_or_404(cur, exercise_id)
    report = _report(dash, site)
    with guard(site.url, "read"):
        failing = rep.failing_for(site.engine, ex.id)
    row = next(r for r in report.exercises if r.id == ex.id)
    histogram = rep.attempts_histogram(report, ex.id)
    learners = [(r, r.tallies[ex.id]) for r in report.learners if ex.id in r.tallies]
    idle = [r.name for r in report.learners if ex.id not in r.tallies]
    return render(
        request,
        "cohort_exercise.html",
        {
            "title": f"{ex.id}: the class",
            "ex": ex,
            "row": row,
            "report": report,
            "site": site,
            "failing": failing,
            "learners": sorted(learners, key=lambda p: (p[1].passed, p[0].name)),
            "idle": idle,
            "charts": {"attempts": attempts_chart(histogram)} if histogram else {},
            "name_url": name_url,
            "table_rows": TABLE_ROWS,
        },
    )


@router.get("/learners/{name}", response_class=HTMLResponse, name="cohort_learner")
def learner(
    request: Request,
    name: str,
    dash: Dashboard = Depends(get_dashboard),
    site: CohortSite = Depends(get_site),
) -> HTMLResponse:
    report = _report(dash, site, learner=name)
    row = report.learner(name)
    if row is None:
        with guard(site.url, "read"):
            known = rep.learner_names(site.engine)
        raise not_found(f"No learner '{name}' in this cohort", name, known)
    cur = dash.curriculum
    tracks = rep.learner_tracks(cur, row)
    ends = rep.month_ends(row.status)
    months = [
        MonthRow(
            month=m,
            ids=m.counted(tracks.get(m.number)),
            ends=ends[m.number],
            ended=report.today >= ends[m.number],
            current=m.number == row.status.current_month,
        )
        for m in cur.months
    ]
    counted = {m.month.number: len(m.ids) for m in months}
    with guard(site.url, "read"):
        attempts = rep.recent_attempts(site.engine, row.name)
    return render(
        request,
        "cohort_learner.html",
        {
            "title": f"{row.name}: progress",
            "row": row,
            "report": report,
            "site": site,
            "months": months,
            "attempts": attempts,
            "passed": set(row.passed) | {e for e, t in row.tallies.items() if t.passed},
            "exercises": cur.exercises,
            "charts": {"over-time": learner_chart(row, ends, counted)},
        },
    )


@router.get("/export.csv", name="cohort_csv")
def export(
    rows: str = Query(
        "learners", pattern="^(learners|exercises)$", description="learners | exercises"
    ),
    dash: Dashboard = Depends(get_dashboard),
    site: CohortSite = Depends(get_site),
) -> Response:
    report = _report(dash, site)
    body = rep.learner_csv(report) if rows == "learners" else rep.exercise_csv(report)
    slug = (
        "".join(c if c.isalnum() else "-" for c in report.info.name.lower()).strip("-") or "cohort"
    )
    filename = f"{slug}-{rows}-{report.today.isoformat()}.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
