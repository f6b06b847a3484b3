"""The learner's status for the pages: what `airoadmap status` shows, read from one store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from airoadmap.curriculum.models import Curriculum, Month
from airoadmap.learner import Status
from airoadmap.results import Outcome


@dataclass(frozen=True)
class MonthCard:
    """One month as the roadmap's timeline shows it."""

    number: int
    title: str
    goal: str
    passed: int
    total: int
    planned: int
    cards_due: int
    starts_on: date | None
    current: bool  # the month the calendar is in (or, without a schedule, the next to pass)

    @property
    def percent(self) -> int:
        return round(100 * self.passed / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.passed == self.total


def month_cards(st: Status) -> dict[int, MonthCard]:
    """Every month's progress, keyed by number."""
    cur = st.curriculum
    sched = st.schedule
    starts = {m.number: m.starts_on for m in sched.months} if sched is not None else {}
    if sched is not None and sched.state != "done":
        current = sched.current_month
    else:
        nxt = next((e for e in cur.ordered_exercises() if e.id not in st.passed), None)
        current = nxt.month if nxt is not None else 0
    return {
        m.number: MonthCard(
            number=m.number,
            title=m.title,
            goal=m.goal,
            passed=sum(1 for e in st.counted(m) if e in st.passed),
            total=len(st.counted(m)),
            planned=len(m.planned),
            cards_due=st.cards_due.get(m.number, 0),
            starts_on=starts.get(m.number),
            current=m.number == current,
        )
        for m in cur.months
    }


def next_exercise(st: Status) -> str | None:
    """The first exercise not passed, in roadmap order."""
    if st.schedule is not None:
        nxt: str | None = st.schedule.next_exercise
        return nxt
    return next((e.id for e in st.curriculum.ordered_exercises() if e.id not in st.passed), None)


def month_of(cur: Curriculum, text: str) -> Month | None:
    """The month named by `text`: "3", "03" or "m03"; None when there is none."""
    t = text.strip().lower().removeprefix("m")
    if not t.isdigit() or len(t) > 2:
        return None
    n = int(t)
    return next((m for m in cur.months if m.number == n), None)


def outcome_label(outcome: Outcome | None) -> str:
    """How a best outcome reads on a badge."""
    if outcome is None:
        return "not started"
    return {
        Outcome.PASS: "passed",
        Outcome.FAIL: "failing",
        Outcome.ERROR: "error",
        Outcome.TIMEOUT: "timeout",
        Outcome.NOT_ATTEMPTED: "not attempted",
    }[outcome]
