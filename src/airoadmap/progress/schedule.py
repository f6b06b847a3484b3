"""Where the learner stands against the plan: month N of 12, ahead or behind, what is next.

Pure functions over the curriculum models; nothing here touches the database.

The model of time: the roadmap's 12 months assume `Roadmap.hours_per_week`. A learner who
has fewer hours a week gets proportionally longer months (8 h/week against a 10 h plan makes
every month 1.25 calendar months long). A plan month is 365.25 / 12 = 30.4375 days, so the
calendar, not the month lengths of a particular year, sets the pace.

The model of work: each month is worth its length in weeks; passing exercises earns the
month's weeks in proportion to their estimated hours (`Exercise.hours`) among the month's
exercises. A month without exercises cannot be measured and follows the calendar (it adds
neither ahead nor behind). Ahead/behind is work done minus time elapsed, in weeks. Once the
plan's end date has passed with exercises left, the state is "ended": the status says so and
what is left, instead of a week number past the plan and a delay that no longer means much.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from airoadmap.curriculum.models import Curriculum, Exercise, Month

DAYS_PER_MONTH = 365.25 / 12  # 30.4375, exact in binary floating point
ON_TRACK_WEEKS = 0.5  # |ahead or behind| below this (after rounding) reads "on track"

State = Literal["not_started", "on_track", "ahead", "behind", "ended", "done"]


@dataclass(frozen=True, slots=True)
class Schedule:
    """The learner's plan: when they started and how many hours a week they have."""

    start_date: date
    hours_per_week: float


@dataclass(frozen=True, slots=True)
class MonthProgress:
    """Progress in one month of the plan."""

    number: int
    passed: int  # exercises passed
    total: int  # exercises in the month
    weeks_planned: float  # calendar weeks this month lasts at the learner's pace
    weeks_done: float  # weeks of work the passed exercises are worth
    starts_on: date

    @property
    def complete(self) -> bool:
        """Every exercise of the month is passed (False for a month without exercises)."""
        return self.total > 0 and self.passed == self.total


@dataclass(frozen=True, slots=True)
class ScheduleStatus:
    """The learner's position in the plan on a given day."""

    state: State
    today: date
    start_date: date
    end_date: date  # the day the stretched plan ends
    days_until_start: int  # 0 once started
    current_month: int  # 1..months_total by the calendar (1 before the start)
    months_total: int
    stretch: float  # plan hours per week / learner's hours per week
    weeks_elapsed: float
    weeks_done: float
    delta_weeks: float  # weeks_done - weeks elapsed (capped at the plan's end), one decimal
    next_exercise: str | None  # first exercise not passed, in roadmap order
    months: tuple[MonthProgress, ...]
    hours_left: float = 0.0  # estimated hours of the exercises not passed yet
    hours_per_week: float = 0.0  # the learner's hours a week

    @property
    def passed(self) -> int:
        return sum(m.passed for m in self.months)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.months)

    def summary(self) -> str:
        """One line for the terminal: where the learner is and what comes next."""
        nxt = f"; next: {self.next_exercise}" if self.next_exercise else ""
        if self.state == "done":
            return f"All {self.total} exercises passed: the roadmap is done."
        if self.state == "ended":
            left = self.total - self.passed
            weeks = self.hours_left / self.hours_per_week if self.hours_per_week else 0.0
            return (
                f"The plan ended on {self.end_date.isoformat()}: {left} of {self.total} "
                f"exercise{'s' if self.total != 1 else ''} left, about {self.hours_left:.0f} "
                f"hours ({weeks:.1f} weeks at {self.hours_per_week:g} h/week){nxt}."
            )
        if self.state == "not_started":
            days = self.days_until_start
            when = "tomorrow" if days == 1 else f"in {days} days"
            return (
                f"Month 1 of {self.months_total} starts {when} "
                f"({self.start_date.isoformat()}){nxt}."
            )
        week = int(self.weeks_elapsed) + 1
        pace = {
            "on_track": "on track",
            "ahead": f"ahead by {self.delta_weeks:.1f} weeks",
            "behind": f"behind by {-self.delta_weeks:.1f} weeks",
        }[self.state]
        return f"Month {self.current_month} of {self.months_total}, week {week}: {pace}{nxt}."

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form (dates as ISO strings), for `status --json` and the dashboard."""
        return {
            "state": self.state,
            "summary": self.summary(),
            "today": self.today.isoformat(),
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "days_until_start": self.days_until_start,
            "current_month": self.current_month,
            "months_total": self.months_total,
            "stretch": self.stretch,
            "weeks_elapsed": round(self.weeks_elapsed, 2),
            "weeks_done": round(self.weeks_done, 2),
            "delta_weeks": self.delta_weeks,
            "next_exercise": self.next_exercise,
            "hours_left": round(self.hours_left, 2),
            "passed": self.passed,
            "total": self.total,
            "months": [
                {
                    "number": m.number,
                    "passed": m.passed,
                    "total": m.total,
                    "weeks_planned": round(m.weeks_planned, 2),
                    "weeks_done": round(m.weeks_done, 2),
                    "starts_on": m.starts_on.isoformat(),
                }
                for m in self.months
            ],
        }


def compute_status(
    months: Sequence[Month],
    exercises: Mapping[str, Exercise],
    plan_hours_per_week: float,
    schedule: Schedule,
    today: date,
    passed: Collection[str],
    tracks: Mapping[int, str] | None = None,
) -> ScheduleStatus:
    """The learner's status on `today`.

    months: the plan's months (any order; sorted by number); exercise ids a month lists but
    `exercises` lacks are ignored. passed: ids of exercises passed at least once. tracks: the
    chosen track of each month that has tracks; a month counts its exercises in no track and
    those of the chosen track (the first track before a choice), the others are optional.
    """
    if not months:
        raise ValueError("the curriculum has no months")
    if not (math.isfinite(schedule.hours_per_week) and schedule.hours_per_week > 0):
        raise ValueError(f"hours per week must be > 0, got {schedule.hours_per_week}")
    if not (math.isfinite(plan_hours_per_week) and plan_hours_per_week > 0):
        raise ValueError(f"the plan's hours per week must be > 0, got {plan_hours_per_week}")

    ordered = sorted(months, key=lambda m: m.number)
    n = len(ordered)
    stretch = plan_hours_per_week / schedule.hours_per_week
    month_days = DAYS_PER_MONTH * stretch
    month_weeks = month_days / 7
    plan_weeks = n * month_weeks

    days = (today - schedule.start_date).days
    weeks_elapsed = max(days, 0) / 7
    current = min(n, int(max(days, 0) // month_days) + 1)

    done_ids = set(passed)
    hours_left = 0.0
    progress: list[MonthProgress] = []
    next_exercise: str | None = None
    for i, month in enumerate(ordered):
        ids = [e for e in month.counted((tracks or {}).get(month.number)) if e in exercises]
        hours_total = sum(exercises[e].hours for e in ids)
        hours_passed = sum(exercises[e].hours for e in ids if e in done_ids)
        hours_left += hours_total - hours_passed
        if ids:
            weeks_done = month_weeks * hours_passed / hours_total
        else:  # nothing to measure: the month keeps pace with the calendar
            weeks_done = min(max(weeks_elapsed - i * month_weeks, 0.0), month_weeks)
        if next_exercise is None:
            next_exercise = next((e for e in ids if e not in done_ids), None)
        progress.append(
            MonthProgress(
                number=month.number,
                passed=sum(1 for e in ids if e in done_ids),
                total=len(ids),
                weeks_planned=month_weeks,
                weeks_done=weeks_done,
                starts_on=schedule.start_date + timedelta(days=round(i * month_days)),
            )
        )

    weeks_done = sum(m.weeks_done for m in progress)
    delta = round(weeks_done - min(weeks_elapsed, plan_weeks), 1) + 0.0  # no "-0.0"
    total = sum(m.total for m in progress)
    end_date = schedule.start_date + timedelta(days=round(n * month_days))
    state: State
    if total and next_exercise is None:
        state = "done"
    elif days < 0:
        state = "not_started"
    elif today >= end_date:
        state = "ended"
    elif abs(delta) < ON_TRACK_WEEKS:
        state = "on_track"
    else:
        state = "ahead" if delta > 0 else "behind"

    return ScheduleStatus(
        state=state,
        today=today,
        start_date=schedule.start_date,
        end_date=end_date,
        days_until_start=max(-days, 0),
        current_month=current,
        months_total=n,
        stretch=stretch,
        weeks_elapsed=weeks_elapsed,
        weeks_done=weeks_done,
        delta_weeks=delta,
        next_exercise=next_exercise,
        months=tuple(progress),
        hours_left=hours_left,
        hours_per_week=schedule.hours_per_week,
    )


def curriculum_status(
    curriculum: Curriculum,
    schedule: Schedule,
    today: date,
    passed: Collection[str],
    tracks: Mapping[int, str] | None = None,
) -> ScheduleStatus:
    """`compute_status` for a loaded curriculum."""
    return compute_status(
        curriculum.months,
        curriculum.exercises,
        curriculum.roadmap.hours_per_week,
        schedule,
        today,
        passed,
        tracks,
    )


def compute_schedule(
    curriculum: Curriculum,
    start_date: date,
    hours_per_week: float,
    today: date,
    passed: Collection[str],
    tracks: Mapping[int, str] | None = None,
) -> ScheduleStatus:
    """`compute_status` for a loaded curriculum and the learner's start date and hours."""
    return curriculum_status(
        curriculum, Schedule(start_date, hours_per_week), today, passed, tracks
    )


_PACE_STYLE = {
    "ahead": "green",
    "on_track": "green",
    "behind": "yellow",
    "ended": "yellow",
    "done": "green",
}


def describe(status: ScheduleStatus | None) -> list[str]:
    """A few lines of Rich markup for the terminal: position, pace, progress, next step."""
    if status is None:
        return ["No schedule yet: `airoadmap schedule --start YYYY-MM-DD --hours 10` sets one."]
    style = _PACE_STYLE.get(status.state, "cyan")
    lines = [f"[bold {style}]{status.summary()}[/]"]
    if status.state == "ended":
        lines.append(
            f"{status.passed} of {status.total} exercises passed; the plan ran from "
            f"{status.start_date.isoformat()} to {status.end_date.isoformat()}. To plan the "
            "rest: [cyan]airoadmap schedule --start YYYY-MM-DD[/]"
        )
    elif status.state != "done":
        lines.append(
            f"{status.passed} of {status.total} exercises passed; the plan runs from "
            f"{status.start_date.isoformat()} to {status.end_date.isoformat()}."
        )
    if status.next_exercise:
        lines.append(f"Next: [cyan]airoadmap show {status.next_exercise}[/]")
    return lines


def describe_change(before: Schedule | None, after: Schedule) -> str | None:
    """One line saying how the plan changed and how to put it back; None when it did not."""
    if before == after:
        return None
    if before is None:
        return (
            f"Schedule set: start {after.start_date.isoformat()}, "
            f"{after.hours_per_week:g} hours a week."
        )
    changes = []
    if before.start_date != after.start_date:
        changes.append(f"start {before.start_date.isoformat()} -> {after.start_date.isoformat()}")
    if before.hours_per_week != after.hours_per_week:
        changes.append(f"{before.hours_per_week:g} -> {after.hours_per_week:g} hours a week")
    undo = (
        f"airoadmap schedule --start {before.start_date.isoformat()} "
        f"--hours {before.hours_per_week:g}"
    )
    return f"Schedule changed: {', '.join(changes)} (`{undo}` puts it back)."
