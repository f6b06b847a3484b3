"""When a card comes back: FSRS (the `fsrs` package) over the state stored with each review.

A card's scheduler state is fsrs's `Card.to_dict()`, stored as JSON with every review in
the progress store; the newest review's state and due time are the card's current ones.

Settings for a daily quiz (fsrs's defaults otherwise):
- one learning step of 10 minutes: a new card answered right (Good) graduates at once to
  review and comes back in days; one answered wrong (Again) is due again in 10 minutes, and
  the session asks it once more before it ends.
- one relearning step of 10 minutes for a review card answered wrong.
- desired retention 0.9: intervals aim at a 90% chance of remembering.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

__all__ = [
    "LEARNING_STEPS",
    "RELEARNING_STEPS",
    "Rating",
    "State",
    "make_scheduler",
    "rating_for",
    "review",
    "state_of",
]

LEARNING_STEPS = (timedelta(minutes=10),)
RELEARNING_STEPS = (timedelta(minutes=10),)
DESIRED_RETENTION = 0.9

FEELINGS: dict[str, Rating] = {
    "h": Rating.Hard,
    "hard": Rating.Hard,
    "g": Rating.Good,
    "good": Rating.Good,
    "e": Rating.Easy,
    "easy": Rating.Easy,
}


def make_scheduler(*, fuzz: bool = True) -> Scheduler:
    """The quiz's FSRS scheduler; `fuzz` spreads long intervals by a day or so (fsrs's default)."""
    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        enable_fuzzing=fuzz,
    )


def rating_for(correct: bool, feeling: str | None = None) -> Rating:
    """Again for a wrong answer; for a right one Hard/Good/Easy as the learner felt (Good if
    they did not say). Raises ValueError for a feeling that is none of h/g/e."""
    if not correct:
        return Rating.Again
    if feeling is None or not feeling.strip():
        return Rating.Good
    key = feeling.strip().lower()
    if key not in FEELINGS:
        raise ValueError(f"'{feeling.strip()}' is not h (hard), g (good) or e (easy).")
    return FEELINGS[key]


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError(f"naive datetime {now!r}: pass an aware time (e.g. datetime.now(UTC))")
    return now.astimezone(UTC)


def _fsrs_card(card_id: str, state: Mapping[str, Any] | None, now: datetime) -> FsrsCard:
    """The fsrs card for a stored state; a new card when there is none or it is unreadable."""
    if state:
        try:
            return FsrsCard.from_dict(dict(state))  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError):
            pass  # written by another version: start the card over rather than fail
    return FsrsCard(card_id=zlib.crc32(card_id.encode()), due=now)


def review(
    card_id: str,
    state: Mapping[str, Any] | None,
    rating: Rating,
    now: datetime,
    scheduler: Scheduler | None = None,
) -> tuple[dict[str, Any], datetime]:
    """Review a card (state None: never reviewed) with `rating` at `now`.

    Returns the new state (JSON-able) and when the card is due next (aware, UTC).
    """
    now = _utc(now)
    card = _fsrs_card(card_id, state, now)
    new, _log = (scheduler or make_scheduler()).review_card(card, Rating(rating), now)
    return dict(new.to_dict()), new.due


def state_of(state: Mapping[str, Any] | None) -> State | None:
    """The FSRS state (Learning, Review, Relearning) recorded in a stored state, if readable."""
    try:
        return State(int(state["state"])) if state else None
    except (KeyError, TypeError, ValueError):
        return None
