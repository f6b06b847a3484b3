"""FSRS scheduling and which cards are due: new, after Good, after Again, new-card limit."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from airoadmap.progress.store import ProgressStore
from airoadmap.quiz.scheduler import Rating, State, rating_for, review, state_of
from airoadmap.quiz.session import (
    QuizSession,
    cards_due,
    due_count_by_month,
    local_day,
    new_today,
    next_due,
    pick_due,
)
from tests.quiz.conftest import NOW, make_card


def end_of_local_day(t: datetime) -> datetime:
    """The last second of t's day in the local time zone, as an aware UTC time."""
    local = t.astimezone()
    last = datetime.combine(local.date(), time(23, 59, 59), tzinfo=local.tzinfo)
    return last.astimezone(UTC)


def session(store: ProgressStore, at: datetime) -> QuizSession:
    return QuizSession(store, clock=lambda: at)


def test_a_new_card_is_due(store: ProgressStore) -> None:
    card = make_card()
    assert cards_due(store, [card], NOW) == [card]


def test_after_good_it_is_not_due_today(store: ProgressStore) -> None:
    card = make_card()
    due = session(store, NOW).record(card, Rating.Good)
    assert due - NOW >= timedelta(days=1)
    assert cards_due(store, [card], NOW + timedelta(minutes=30)) == []
    assert cards_due(store, [card], end_of_local_day(NOW)) == []
    latest = store.latest_quiz_reviews()[card.id]
    assert latest.rating == Rating.Good and latest.due == due
    assert state_of(latest.state) == State.Review
    assert cards_due(store, [card], due) == [card]  # and it comes back when due


def test_after_again_it_is_due_soon(store: ProgressStore) -> None:
    card = make_card()
    due = session(store, NOW).record(card, Rating.Again)
    assert timedelta(0) < due - NOW <= timedelta(minutes=10)
    assert cards_due(store, [card], NOW + timedelta(minutes=1)) == []
    assert cards_due(store, [card], NOW + timedelta(minutes=11)) == [card]


def test_a_forgotten_review_card_is_due_soon_again(store: ProgressStore) -> None:
    card = make_card()
    first = session(store, NOW).record(card, Rating.Good)
    later = first + timedelta(hours=1)
    due = session(store, later).record(card, Rating.Again)
    assert due - later <= timedelta(minutes=10)
    assert state_of(store.latest_quiz_reviews()[card.id].state) == State.Relearning


def test_intervals_grow_with_good_reviews(store: ProgressStore) -> None:
    card = make_card()
    t, gaps = NOW, []
    for _ in range(4):
        due = session(store, t).record(card, Rating.Good)
        gaps.append(due - t)
        t = due
    assert gaps == sorted(gaps) and gaps[-1] > gaps[0] * 3, gaps


def test_easy_is_later_than_good_is_later_than_hard() -> None:
    dues = {r: review("m01-x", None, r, NOW)[1] for r in (Rating.Hard, Rating.Good, Rating.Easy)}
    assert dues[Rating.Hard] < dues[Rating.Good] <= dues[Rating.Easy]


def test_review_card_due_today_is_due_all_day(store: ProgressStore) -> None:
    card = make_card()
    due = session(store, NOW).record(card, Rating.Good)
    start_of_that_day = datetime.combine(local_day(due), time(0, 0, 1)).astimezone(UTC)
    assert cards_due(store, [card], start_of_that_day) == [card]
    assert cards_due(store, [card], start_of_that_day - timedelta(seconds=2)) == []


def test_unreadable_state_starts_the_card_over() -> None:
    state, due = review("m01-x", {"state": "??"}, Rating.Good, NOW)
    assert state["state"] == State.Review and due > NOW


def test_rating_from_answer_and_feeling() -> None:
    assert rating_for(False) == Rating.Again
    assert rating_for(False, "easy") == Rating.Again
    assert rating_for(True) == Rating.Good
    assert rating_for(True, "") == Rating.Good
    assert rating_for(True, "h") == Rating.Hard
    assert rating_for(True, "Easy") == Rating.Easy
    with pytest.raises(ValueError, match="h \\(hard\\)"):
        rating_for(True, "maybe")


def test_naive_time_is_refused(store: ProgressStore) -> None:
    with pytest.raises(ValueError, match="naive"):
        cards_due(store, [make_card()], datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="naive"):
        review("m01-x", None, Rating.Good, datetime(2026, 1, 1))


def test_new_cards_are_limited_per_day(store: ProgressStore) -> None:
    cards = [make_card(n=i) for i in range(15)]
    assert cards_due(store, cards, NOW, new_per_day=10) == cards[:10]
    s = session(store, NOW)
    for card in cards[:4]:
        s.record(card, Rating.Good)
    later = NOW + timedelta(minutes=5)
    assert new_today(store.quiz_reviews(), later) == 4
    assert cards_due(store, cards, later, new_per_day=10) == cards[4:10]
    next_day = NOW + timedelta(days=1)
    assert cards_due(store, cards, next_day, new_per_day=10)[-10:] == cards[4:14]
    assert cards_due(store, cards, later, new_per_day=0) == []


def test_due_cards_come_first_most_overdue_first(store: ProgressStore) -> None:
    a, b, fresh = make_card(n=1), make_card(n=2), make_card(n=3)
    session(store, NOW).record(a, Rating.Again)  # due NOW + 10 min
    session(store, NOW - timedelta(minutes=5)).record(b, Rating.Again)  # due NOW + 5 min
    assert cards_due(store, [a, b, fresh], NOW + timedelta(hours=1)) == [b, a, fresh]


def test_due_count_by_month(store: ProgressStore) -> None:
    cards = [make_card(month=1, n=1), make_card(month=1, n=2), make_card(month=2, n=1)]
    session(store, NOW).record(cards[0], Rating.Good)
    assert due_count_by_month(store, cards, NOW) == {1: 1, 2: 1}
    assert due_count_by_month(store, cards, NOW, new_per_day=0) == {1: 0, 2: 0}
    assert next_due(store, cards, NOW) == store.latest_quiz_reviews()[cards[0].id].due


def test_pick_due_is_pure_over_reviews() -> None:
    cards = [make_card(n=1)]
    assert pick_due(cards, [], NOW) == cards
