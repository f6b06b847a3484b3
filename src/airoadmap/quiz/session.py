"""Which cards are due, and recording reviews: the quiz's logic, without any terminal I/O.

A card is due when
- it was never reviewed (a new card), within NEW_PER_DAY new cards a day: cards seen for the
  first time today (any month) use up the day's allowance; a deck (e.g. interview practice)
  has its own allowance, used up by its own cards only;
- it is in review (it graduated) and its due day, in the learner's local time, is today or
  earlier: a daily quiz shows every card due today, whatever the hour;
- it is still learning or relearning (just answered wrong) and its due time has passed.

Due cards come first, most overdue first; then new cards in the order of the content (month
by month, in file order).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from fsrs import Scheduler

from airoadmap.curriculum.models import Curriculum
from airoadmap.progress.store import ProgressStore, QuizReviewRow
from airoadmap.quiz.models import Card, deck_of_id
from airoadmap.quiz.scheduler import Rating, State, make_scheduler, review, state_of

NEW_PER_DAY = 10  # new cards a day, by default


def local_day(t: datetime) -> date:
    """The learner's calendar day of an aware time (in the machine's time zone)."""
    return t.astimezone().date()


def is_due(row: QuizReviewRow, now: datetime) -> bool:
    """Whether a reviewed card (its latest review `row`) is due at `now`."""
    if state_of(row.state) == State.Review:
        return local_day(row.due) <= local_day(now)
    return row.due <= now


def new_today(reviews: Iterable[QuizReviewRow], now: datetime) -> int:
    """How many cards were reviewed for the first time on `now`'s local day."""
    first: dict[str, datetime] = {}
    for r in reviews:
        if r.card_id not in first or r.reviewed_at < first[r.card_id]:
            first[r.card_id] = r.reviewed_at
    today = local_day(now)
    return sum(1 for t in first.values() if local_day(t) == today)


def latest_of(reviews: Iterable[QuizReviewRow]) -> dict[str, QuizReviewRow]:
    """Each card's latest review (the rows come oldest first, as the store gives them)."""
    latest: dict[str, QuizReviewRow] = {}
    for r in reviews:
        latest[r.card_id] = r
    return latest


def pick_due(
    cards: Sequence[Card],
    reviews: Sequence[QuizReviewRow],
    now: datetime,
    *,
    new_per_day: int = NEW_PER_DAY,
) -> list[Card]:
    """The cards of `cards` due at `now`, given every review so far (oldest first).

    New cards come within the allowance of their deck (the months count as one): reviews of
    another deck's cards do not use it up.
    """
    _aware(now)
    latest = latest_of(reviews)
    due = [c for c in cards if c.id in latest and is_due(latest[c.id], now)]
    due.sort(key=lambda c: latest[c.id].due)
    decks = {c.deck for c in cards}
    same_deck = [r for r in reviews if deck_of_id(r.card_id) in decks]
    budget = max(0, new_per_day - new_today(same_deck, now))
    new = [c for c in cards if c.id not in latest][:budget]
    return due + new


def cards_due(
    store: ProgressStore,
    cards: Sequence[Card],
    now: datetime | None = None,
    *,
    new_per_day: int = NEW_PER_DAY,
) -> list[Card]:
    """The cards of `cards` due at `now` (default: now), per the reviews in `store`."""
    return pick_due(cards, store.quiz_reviews(), now or datetime.now(UTC), new_per_day=new_per_day)


def due_count_by_month(
    store: ProgressStore,
    cards: Sequence[Card],
    now: datetime | None = None,
    *,
    new_per_day: int = NEW_PER_DAY,
) -> dict[int, int]:
    """How many of `cards` are due at `now`, by month (every month of `cards`, 0 included)."""
    counts = Counter(c.month for c in cards_due(store, cards, now, new_per_day=new_per_day))
    return {m: counts.get(m, 0) for m in sorted({c.month for c in cards})}


def due_counts(
    cur: Curriculum, store: ProgressStore, now: datetime | None = None
) -> dict[int, int]:
    """Cards due now by month, over the months a plain `airoadmap quiz` covers: what
    `status` and the dashboard show, consistent with the quiz command."""
    from airoadmap.quiz.loader import all_cards

    now = now or datetime.now(UTC)
    cards = select_cards(all_cards(), upto=months_reached(cur, store, local_day(now)))
    return due_count_by_month(store, cards, now)


def next_due(
    store: ProgressStore, cards: Sequence[Card], now: datetime | None = None
) -> datetime | None:
    """When the next of `cards` that is not due now falls due (None if none was reviewed)."""
    now = now or datetime.now(UTC)
    latest = store.latest_quiz_reviews()
    times = [latest[c.id].due for c in cards if c.id in latest and not is_due(latest[c.id], now)]
    return min(times, default=None)


def months_reached(cur: Curriculum, store: ProgressStore, today: date | None = None) -> int:
    """The last month a plain `airoadmap quiz` covers: the later of the schedule's current
    month and the month of the next exercise to pass (12 once all are passed; 12 when there
    is no schedule yet)."""
    plan = store.get_schedule()
    if plan is None:
        return max(m.number for m in cur.months)
    from airoadmap.progress.schedule import compute_schedule

    status = compute_schedule(
        cur, plan.start_date, plan.hours_per_week, today or date.today(), store.passed()
    )
    if status.state == "done":
        return status.months_total
    nxt = cur.exercises.get(status.next_exercise or "")
    return max(status.current_month, nxt.month if nxt else 1)


def select_cards(
    cards: Iterable[Card], *, month: int | None = None, upto: int | None = None
) -> list[Card]:
    """The cards of one month, or of months 1..upto, or all."""
    if month is not None:
        return [c for c in cards if c.month == month]
    return [c for c in cards if upto is None or c.month <= upto]


class QuizSession:
    """One sitting: records each review with the card's new FSRS state in the store."""

    def __init__(
        self,
        store: ProgressStore,
        *,
        scheduler: Scheduler | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.scheduler = scheduler or make_scheduler()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.latest: dict[str, QuizReviewRow] = store.latest_quiz_reviews()
        self.reviewed: list[tuple[str, Rating]] = []

    def record(self, card: Card, rating: Rating) -> datetime:
        """Review `card` with `rating` now; store it; return when the card is due next."""
        now = self.clock()
        prev = self.latest.get(card.id)
        state, due = review(card.id, prev.state if prev else None, rating, now, self.scheduler)
        row_id = self.store.record_quiz_review(card.id, int(rating), state, due, reviewed_at=now)
        self.latest[card.id] = QuizReviewRow(row_id, card.id, int(rating), state, now, due)
        self.reviewed.append((card.id, rating))
        return due

    def summary(self) -> dict[str, Any]:
        """Counts of this sitting: reviews, and right (Hard/Good/Easy) against wrong (Again)."""
        wrong = sum(1 for _, r in self.reviewed if r == Rating.Again)
        return {"reviews": len(self.reviewed), "right": len(self.reviewed) - wrong, "wrong": wrong}


def _aware(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError(f"naive datetime {now!r}: pass an aware time (e.g. datetime.now(UTC))")


def when(due: datetime, now: datetime) -> str:
    """'in 10 minutes', 'in 5 hours', 'tomorrow', 'in 3 days (2026-05-04)'."""
    seconds = (due - now).total_seconds()
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} minutes"
    days = (local_day(due) - local_day(now)).days
    if days <= 0:
        return f"in {round(seconds / 3600)} hours"
    return "tomorrow" if days == 1 else f"in {days} days ({local_day(due).isoformat()})"
