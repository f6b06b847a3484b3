"""What the instructor view reads from a cohort database: read-only queries and the figures
made from them.

- Progress against the schedule: the cohort's start date and hours a week (cohort_meta) and
  the curriculum give, with progress/schedule.py, which months have ended today. A learner is
  *behind* when they have passed fewer exercises than the months already ended hold (passed:
  a self-checked attempt or a batch verdict that passed).
- Per exercise: the learners who tried (an attempt or a batch verdict other than
  NOT_ATTEMPTED), those who passed, and the median number of attempts up to the first pass.
- The checks that fail most: per (exercise, check), the learners it failed for and its most
  common messages, numbers masked so that "r2=0.41 < 0.9" and "r2=0.52 < 0.9" count as one
  message. Read from the newest FAILING_ROWS failed attempts and verdicts (a bound on memory).
- Quiz retention: the share of reviews of a card seen before that were not rated Again.

Everything here only reads (`open_cohort` opens the database read-only); nothing imports the
web app.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, event, func, select, union
from sqlalchemy.engine import Engine

from airoadmap.cohort import db
from airoadmap.cohort.db import CohortError, CohortInfo
from airoadmap.cohort.schema import (
    CohortAttempt,
    CohortQuizReview,
    GradedSubmission,
    Learner,
)
from airoadmap.curriculum.models import Curriculum
from airoadmap.progress.schedule import ScheduleStatus, compute_schedule
from airoadmap.results import Outcome

FAILING_ROWS = 5_000  # newest failed attempts (and verdicts) read for "the checks that fail"
TOP_MESSAGES = 3
AGAIN = 1  # FSRS's rating "Again": the card was forgotten
FAILED = (Outcome.FAIL.value, Outcome.ERROR.value, Outcome.TIMEOUT.value)
_NUMBER = re.compile(r"(?<![A-Za-z_\d])[-+]?\d+(?:[.,]\d+)*(?:[eE][-+]?\d+)?")
_CARD_MONTH = re.compile(r"^m(\d{2})-")


def open_cohort(url: str) -> tuple[Engine, CohortInfo]:
    """A read-only engine on the cohort database at `url` and the cohort's facts.

    CohortError / CohortOffline (one line: what, where, what to do) for a URL that is not a
    database's, a missing driver, a server that cannot be reached or refuses the login, or a
    database without a cohort. Every connection is read-only: the instructor view never
    writes (PostgreSQL: read-only transactions; SQLite: query_only)."""
    engine = db.connect(url)

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_conn.commit()
        cursor.close()

    try:
        with db.guard(url, "read"), engine.connect() as conn:
            info = db.read_info(conn, url)
    except BaseException:
        engine.dispose()
        raise
    return engine, info


def read_info(engine: Engine) -> CohortInfo:
    """The cohort's facts (they may change while the dashboard runs)."""
    with db.guard(engine.url, "read"), engine.connect() as conn:
        return db.read_info(conn, engine.url)


@dataclass
class Tally:
    """One learner on one exercise: their attempts and what passed."""

    attempts: int = 0  # self-checked attempts, NOT_ATTEMPTED left out
    passed: bool = False  # a self-checked attempt or a batch verdict passed
    attempts_to_pass: int | None = None  # attempts up to and including the first pass
    last_at: datetime | None = None
    first_pass_at: datetime | None = None
    batch: str | None = None  # the outcome of the newest batch verdict
    batch_pass_at: datetime | None = None  # the first batch verdict that passed

    @property
    def tried(self) -> bool:
        """A self-checked attempt, or a batch verdict on a changed starter."""
        return bool(self.attempts) or self.batch not in (None, Outcome.NOT_ATTEMPTED.value)

    @property
    def passed_at(self) -> datetime | None:
        """When it first passed, by a self-check or a batch verdict."""
        times = [t for t in (self.first_pass_at, self.batch_pass_at) if t is not None]
        return min(times, default=None)


@dataclass(frozen=True)
class Retention:
    """Reviews of cards seen before, and how many were remembered (not rated Again)."""

    label: str
    reviews: int
    recalled: int

    @property
    def rate(self) -> float | None:
        return self.recalled / self.reviews if self.reviews else None


@dataclass
class LearnerRow:
    """A learner's place in the class."""

    name: str
    joined_at: datetime | None
    tallies: dict[str, Tally]
    passed: list[str]  # counted exercises passed, in roadmap order
    due: list[str]  # counted exercises of the months ended by today
    status: ScheduleStatus
    retention: Retention
    quiz_reviews: int
    last_activity: datetime | None

    @property
    def missing(self) -> list[str]:
        """Exercises of ended months not passed yet."""
        done = set(self.passed)
        return [e for e in self.due if e not in done]

    @property
    def behind(self) -> bool:
        return len(self.passed) < len(self.due)

    @property
    def attempts(self) -> int:
        return sum(t.attempts for t in self.tallies.values())


@dataclass(frozen=True)
class ExerciseRow:
    """One exercise across the class."""

    id: str
    title: str
    month: int
    tried: int  # learners with an attempt or a batch verdict
    passed: int
    class_size: int
    median_attempts: float | None  # to the first pass, over learners who passed by checking
    attempts: int

    @property
    def pass_rate(self) -> float | None:
        """Passed among those who tried."""
        return self.passed / self.tried if self.tried else None

    @property
    def reach(self) -> float | None:
        """Passed among the whole class."""
        return self.passed / self.class_size if self.class_size else None


@dataclass(frozen=True)
class Message:
    text: str  # the message with numbers masked
    example: str  # one message as a learner saw it
    count: int


@dataclass(frozen=True)
class FailingCheck:
    """A check that failed, the learners it failed for, and what it said most often."""

    exercise_id: str
    check: str
    learners: int
    times: int
    messages: list[Message]


@dataclass
class CohortReport:
    """Everything the overview shows."""

    info: CohortInfo
    today: date
    plan: ScheduleStatus  # where the plan is today (no exercise passed)
    learners: list[LearnerRow]
    exercises: list[ExerciseRow]
    failing: list[FailingCheck]
    retention: list[Retention]  # by month of the cards (and by deck)
    retention_all: Retention
    due: int = 0  # exercises of the months ended by today (first track)
    last_received: datetime | None = None
    sources: dict[str, int] = field(default_factory=dict)  # rows read per table

    @property
    def behind(self) -> list[LearnerRow]:
        return [r for r in self.learners if r.behind]

    def learner(self, name: str) -> LearnerRow | None:
        return next((r for r in self.learners if r.name == name), None)


def mask_numbers(message: str) -> str:
    """'r2=0.41 is below 0.9' -> 'r2=… is below …': one message whatever the numbers."""
    return _NUMBER.sub("…", message)


def card_group(card_id: str) -> str:
    """'m03-matmul-shape' -> 'Month 3'; 'interview-x-y' -> 'Deck interview'."""
    found = _CARD_MONTH.match(card_id)
    if found:
        return f"Month {int(found.group(1))}"
    return f"Deck {card_id.split('-', 1)[0]}"


def _ended(status: ScheduleStatus) -> list[int]:
    """Numbers of the months that have ended on status.today."""
    ends = [m.starts_on for m in status.months[1:]] + [status.end_date]
    return [m.number for m, end in zip(status.months, ends, strict=True) if status.today >= end]


def _tracks(cur: Curriculum, passed: Iterable[str]) -> dict[int, str]:
    """The track a learner follows in each month with tracks: the one they passed most in."""
    done = set(passed)
    chosen: dict[int, str] = {}
    for month in cur.months:
        scored = [(sum(e in done for e in t.exercises), t.id) for t in month.tracks]
        best = max(scored, default=(0, ""), key=lambda s: s[0])
        if best[0] > 0:
            chosen[month.number] = best[1]
    return chosen


def learner_tracks(cur: Curriculum, row: LearnerRow) -> dict[int, str]:
    """The tracks a learner's progress is counted under (the ones they passed most in)."""
    return _tracks(cur, [e for e, t in row.tallies.items() if t.passed])


def _counted(
    cur: Curriculum, tracks: dict[int, str], months: Iterable[int] | None = None
) -> list[str]:
    wanted = None if months is None else set(months)
    return [
        e
        for m in cur.months
        if wanted is None or m.number in wanted
        for e in m.counted(tracks.get(m.number))
        if e in cur.exercises
    ]


def _one(column: Any, learner: str | None) -> list[Any]:
    """The WHERE clause that keeps one learner's rows (none: all rows)."""
    return [] if learner is None else [column == learner]


def _tallies(
    engine: Engine, learner: str | None = None
) -> tuple[dict[str, dict[str, Tally]], dict[str, int]]:
    """learner -> exercise -> Tally, from cohort_attempts and cohort_graded (of one learner,
    or all)."""
    a = CohortAttempt
    g = GradedSubmission
    tried = a.outcome != Outcome.NOT_ATTEMPTED.value
    if learner is not None:
        tried = and_(tried, a.learner == learner)
    out: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        per = (
            select(
                a.learner,
                a.exercise_id,
                func.count().label("n"),
                func.max(a.created_at).label("last"),
                func.min(case((a.outcome == Outcome.PASS.value, a.created_at))).label("first_pass"),
            )
            .where(tried)
            .group_by(a.learner, a.exercise_id)
        )
        for who, ex, n, last, first_pass in conn.execute(per):
            t = out[who][ex]
            t.attempts, t.last_at = n, last
            if first_pass is not None:
                t.passed, t.first_pass_at = True, first_pass
        first = (
            select(
                a.learner.label("learner"),
                a.exercise_id.label("exercise_id"),
                func.min(a.created_at).label("at"),
            )
            .where(a.outcome == Outcome.PASS.value, *_one(a.learner, learner))
            .group_by(a.learner, a.exercise_id)
            .subquery()
        )
        upto = (
            select(a.learner, a.exercise_id, func.count())
            .join(
                first,
                and_(
                    a.learner == first.c.learner,
                    a.exercise_id == first.c.exercise_id,
                    a.created_at <= first.c.at,
                ),
            )
            .where(tried)
            .group_by(a.learner, a.exercise_id)
        )
        for who, ex, n in conn.execute(upto):
            out[who][ex].attempts_to_pass = n
        every = select(func.count()).select_from(a).where(*_one(a.learner, learner))
        counts["attempts"] = int(conn.scalar(every) or 0)
        newest: dict[tuple[str, str], datetime] = {}
        verdicts = conn.execute(
            select(g.learner, g.exercise_id, g.outcome, g.graded_at).where(
                *_one(g.learner, learner)
            )
        )
        n_graded = 0
        for who, ex, outcome, at in verdicts:
            n_graded += 1
            t = out[who][ex]
            if outcome == Outcome.PASS.value:
                t.passed = True
                if t.batch_pass_at is None or at < t.batch_pass_at:
                    t.batch_pass_at = at
            if (who, ex) not in newest or at >= newest[(who, ex)]:
                newest[(who, ex)] = at
                t.batch = outcome
        counts["graded"] = n_graded
    return out, counts


def _retention(
    engine: Engine, learner: str | None = None
) -> tuple[dict[str, Retention], dict[str, Retention], Retention]:
    """Retention per learner, per card group (month or deck) and overall.

    The database numbers each learner's reviews of a card (a window function, on SQLite and
    PostgreSQL) and sums the later ones per (learner, card): what comes back is one row per
    card a learner has reviewed twice or more, not one per review."""
    q = CohortQuizReview
    nth = (
        func.row_number()
        .over(partition_by=(q.learner, q.card_id), order_by=(q.reviewed_at, q.id))
        .label("nth")
    )
    numbered = (
        select(q.learner, q.card_id, q.rating, nth).where(*_one(q.learner, learner)).subquery()
    )
    later = (
        select(
            numbered.c.learner,
            numbered.c.card_id,
            func.count(),
            func.sum(case((numbered.c.rating != AGAIN, 1), else_=0)),
        )
        .where(numbered.c.nth > 1)  # a first review learns the card: no retention yet
        .group_by(numbered.c.learner, numbered.c.card_id)
    )
    by_learner: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]
    with engine.connect() as conn:
        for who, card, n, recalled in conn.execute(later):
            for bucket in (by_learner[who], by_group[card_group(card)], total):
                bucket[0] += int(n)
                bucket[1] += int(recalled or 0)
    return (
        {k: Retention(k, n, r) for k, (n, r) in by_learner.items()},
        {k: Retention(k, n, r) for k, (n, r) in by_group.items()},
        Retention("all", total[0], total[1]),
    )


def _failing(rows: Iterable[tuple[str, str, Any]], only: str | None = None) -> list[FailingCheck]:
    """(learner, exercise, checks JSON) -> the failing checks, most learners first."""
    learners: dict[tuple[str, str], set[str]] = defaultdict(set)
    times: Counter[tuple[str, str]] = Counter()
    messages: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    examples: dict[str, str] = {}
    for learner, ex, checks in rows:
        if only is not None and ex != only:
            continue
        for c in checks if isinstance(checks, list) else []:
            if not isinstance(c, dict) or c.get("outcome") not in FAILED:
                continue
            key = (ex, str(c.get("name", "?")))
            learners[key].add(learner)
            times[key] += 1
            text = " ".join(str(c.get("message") or "").split())[:400]
            masked = mask_numbers(text)
            messages[key][masked] += 1
            examples.setdefault(masked, text)
    ranked = sorted(times, key=lambda k: (-len(learners[k]), -times[k], k))
    return [
        FailingCheck(
            exercise_id=k[0],
            check=k[1],
            learners=len(learners[k]),
            times=times[k],
            messages=[Message(m, examples[m], n) for m, n in messages[k].most_common(TOP_MESSAGES)],
        )
        for k in ranked
    ]


def failing_rows(engine: Engine, exercise_id: str | None = None) -> list[tuple[str, str, Any]]:
    """(learner, exercise, checks) of the newest FAILING_ROWS failed attempts and as many
    failed batch verdicts (of one exercise, or all)."""
    out: list[tuple[str, str, Any]] = []
    with engine.connect() as conn:
        for table, when in (
            (CohortAttempt, CohortAttempt.received_at),
            (GradedSubmission, GradedSubmission.graded_at),
        ):
            q = select(table.learner, table.exercise_id, table.checks).where(
                table.outcome.in_(FAILED)
            )
            if exercise_id is not None:
                q = q.where(table.exercise_id == exercise_id)
            q = q.order_by(when.desc(), table.id.desc()).limit(FAILING_ROWS)
            out.extend((r[0], r[1], r[2]) for r in conn.execute(q))
    return out


def build_report(
    engine: Engine, cur: Curriculum, today: date, *, learner: str | None = None
) -> CohortReport:
    """The whole class on `today`; or only `learner` (their page: then no exercise rows and
    no failing checks, which are about the class)."""
    info = read_info(engine)
    tallies, counts = _tallies(engine, learner)
    with engine.connect() as conn:
        members = select(Learner.name, Learner.joined_at).where(*_one(Learner.name, learner))
        joined = {n: at for n, at in conn.execute(members)}
        q = CohortQuizReview
        reviews: dict[str, int] = {}
        last_review: dict[str, datetime] = {}
        per_learner = (
            select(q.learner, func.count(), func.max(q.reviewed_at))
            .where(*_one(q.learner, learner))
            .group_by(q.learner)
        )
        for name, n, at in conn.execute(per_learner):
            reviews[name], last_review[name] = int(n), at
        last_received = conn.scalar(select(func.max(CohortAttempt.received_at)))
    counts["quiz_reviews"] = sum(reviews.values())
    by_learner, by_group, overall = _retention(engine, learner)
    names = sorted(set(joined) | set(tallies) | set(reviews))
    plan = _plan(cur, info, today, ())
    due_first = _counted(cur, {}, _ended(plan))
    plans: dict[tuple[frozenset[str], tuple[tuple[int, str], ...]], _Plan] = {}
    rows = [
        _learner_row(
            cur,
            info,
            today,
            plans,
            name,
            joined.get(name),
            dict(tallies.get(name, {})),
            by_learner.get(name, Retention(name, 0, 0)),
            reviews.get(name, 0),
            last_review.get(name),
        )
        for name in names
    ]
    return CohortReport(
        info=info,
        today=today,
        plan=plan,
        learners=rows,
        exercises=_exercise_rows(cur, rows) if learner is None else [],
        failing=_failing(failing_rows(engine)) if learner is None else [],
        retention=sorted(by_group.values(), key=_group_order),
        retention_all=overall,
        due=len(due_first),
        last_received=last_received,
        sources=counts,
    )


def _group_order(r: Retention) -> tuple[int, int, str]:
    found = re.match(r"Month (\d+)$", r.label)
    return (0, int(found.group(1)), "") if found else (1, 0, r.label)


def _plan(
    cur: Curriculum,
    info: CohortInfo,
    today: date,
    passed: Iterable[str],
    tracks: dict[int, str] | None = None,
) -> ScheduleStatus:
    return compute_schedule(cur, info.start_date, info.hours_per_week, today, set(passed), tracks)


@dataclass(frozen=True)
class _Plan:
    """What a set of passed exercises means on the schedule (shared by every learner who
    passed the same ones: computed once)."""

    status: ScheduleStatus
    passed: list[str]
    due: list[str]


def _learner_row(
    cur: Curriculum,
    info: CohortInfo,
    today: date,
    plans: dict[tuple[frozenset[str], tuple[tuple[int, str], ...]], _Plan],
    name: str,
    joined_at: datetime | None,
    tallies: dict[str, Tally],
    retention: Retention,
    quiz_reviews: int,
    last_review: datetime | None,
) -> LearnerRow:
    done = frozenset(e for e, t in tallies.items() if t.passed)
    tracks = _tracks(cur, done)
    key = (done, tuple(sorted(tracks.items())))
    plan = plans.get(key)
    if plan is None:
        status = _plan(cur, info, today, done, tracks)
        passed = [e for e in _counted(cur, tracks) if e in done]
        plan = plans[key] = _Plan(status, passed, _counted(cur, tracks, _ended(status)))
    times = [t.last_at for t in tallies.values() if t.last_at] + (
        [last_review] if last_review else []
    )
    return LearnerRow(
        name=name,
        joined_at=joined_at,
        tallies=tallies,
        passed=list(plan.passed),
        due=list(plan.due),
        status=plan.status,
        retention=retention,
        quiz_reviews=quiz_reviews,
        last_activity=max(times, default=None),
    )


def _exercise_rows(cur: Curriculum, learners: Sequence[LearnerRow]) -> list[ExerciseRow]:
    out = []
    for ex in cur.ordered_exercises():
        tallies = [r.tallies[ex.id] for r in learners if ex.id in r.tallies]
        to_pass = [t.attempts_to_pass for t in tallies if t.attempts_to_pass is not None]
        out.append(
            ExerciseRow(
                id=ex.id,
                title=ex.title,
                month=ex.month,
                tried=sum(1 for t in tallies if t.tried),
                passed=sum(1 for t in tallies if t.passed),
                class_size=len(learners),
                median_attempts=statistics.median(to_pass) if to_pass else None,
                attempts=sum(t.attempts for t in tallies),
            )
        )
    return out


def learner_names(engine: Engine) -> list[str]:
    """Every learner the cohort knows: members and anyone with an attempt or a verdict."""
    query = union(
        select(Learner.name),
        select(CohortAttempt.learner),
        select(GradedSubmission.learner),
    )
    with engine.connect() as conn:
        return sorted(str(n) for n in conn.scalars(query))


@dataclass(frozen=True)
class AttemptLine:
    """One attempt on a learner's page."""

    exercise_id: str
    outcome: str
    created_at: datetime
    failed_checks: list[str]


def recent_attempts(engine: Engine, learner: str, limit: int = 50) -> list[AttemptLine]:
    """A learner's newest attempts, newest first."""
    a = CohortAttempt
    with engine.connect() as conn:
        rows = conn.execute(
            select(a.exercise_id, a.outcome, a.created_at, a.checks)
            .where(a.learner == learner)
            .order_by(a.created_at.desc(), a.id.desc())
            .limit(limit)
        ).all()
    return [
        AttemptLine(
            ex,
            outcome,
            at,
            [
                str(c.get("name", "?"))
                for c in (checks if isinstance(checks, list) else [])
                if isinstance(c, dict) and c.get("outcome") in FAILED
            ],
        )
        for ex, outcome, at, checks in rows
    ]


def failing_for(engine: Engine, exercise_id: str) -> list[FailingCheck]:
    """The failing checks of one exercise."""
    return _failing(failing_rows(engine, exercise_id), only=exercise_id)


def attempts_histogram(report: CohortReport, exercise_id: str) -> list[tuple[int, int]]:
    """(attempts to the first pass, learners) for one exercise, in order of attempts."""
    counts = Counter(
        t.attempts_to_pass
        for r in report.learners
        if (t := r.tallies.get(exercise_id)) is not None and t.attempts_to_pass is not None
    )
    return sorted(counts.items())


CSV_COLUMNS = (
    "learner",
    "passed",
    "due_by_now",
    "behind",
    "missing",
    "pace",
    "weeks_ahead",
    "attempts",
    "quiz_reviews",
    "quiz_retention",
    "last_activity",
)


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text (no formula from a name starting with '=')."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def learner_csv(report: CohortReport) -> str:
    """One row per learner: progress against the schedule, attempts, quiz retention."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in report.learners:
        rate = r.retention.rate
        writer.writerow(
            [
                _cell(r.name),
                len(r.passed),
                len(r.due),
                "yes" if r.behind else "no",
                _cell(" ".join(r.missing)),
                r.status.state,
                f"{r.status.delta_weeks:.1f}",
                r.attempts,
                r.quiz_reviews,
                "" if rate is None else f"{rate:.3f}",
                r.last_activity.isoformat(timespec="seconds") if r.last_activity else "",
            ]
        )
    return out.getvalue()


EXERCISE_CSV_COLUMNS = (
    "learner",
    "exercise",
    "attempts",
    "passed",
    "attempts_to_pass",
    "first_pass",
    "batch_verdict",
)


def exercise_csv(report: CohortReport) -> str:
    """One row per (learner, exercise) with any activity: a gradebook."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXERCISE_CSV_COLUMNS)
    order = {e.id: i for i, e in enumerate(report.exercises)}
    for r in report.learners:
        for ex in sorted(r.tallies, key=lambda e: (order.get(e, len(order)), e)):
            t = r.tallies[ex]
            writer.writerow(
                [
                    _cell(r.name),
                    _cell(ex),
                    t.attempts,
                    "yes" if t.passed else "no",
                    "" if t.attempts_to_pass is None else t.attempts_to_pass,
                    t.first_pass_at.isoformat(timespec="seconds") if t.first_pass_at else "",
                    t.batch or "",
                ]
            )
    return out.getvalue()


def month_ends(status: ScheduleStatus) -> dict[int, date]:
    """The day each month of the plan ends (the next one starts)."""
    ends = [m.starts_on for m in status.months[1:]] + [status.end_date]
    return {m.number: end for m, end in zip(status.months, ends, strict=True)}


def days_since(when: datetime | None, today: date) -> int | None:
    return None if when is None else (today - when.date()).days


__all__ = [
    "CohortError",
    "CohortInfo",
    "CohortReport",
    "ExerciseRow",
    "FailingCheck",
    "LearnerRow",
    "Retention",
    "attempts_histogram",
    "build_report",
    "days_since",
    "exercise_csv",
    "failing_for",
    "learner_csv",
    "learner_names",
    "learner_tracks",
    "month_ends",
    "open_cohort",
    "read_info",
    "recent_attempts",
]
