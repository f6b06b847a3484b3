"""Shared checks of the month answer tests: every choice card is shown in code or marked
concept-only, and a demonstrated claim is the right choice's and holds when run."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from airoadmap.quiz.models import Card, ChoiceCard

Demo = tuple[str, Callable[[], None]]  # words of the right choice, code that shows the claim


def assert_choices_classified(
    cards: Mapping[str, Card], demos: Mapping[str, Demo], concept_only: set[str]
) -> None:
    choices = {i for i, c in cards.items() if isinstance(c, ChoiceCard)}
    assert set(demos).isdisjoint(concept_only)
    assert choices - set(demos) - concept_only == set(), "classify these cards"
    assert (set(demos) | concept_only) - choices == set(), "stale entries"


def assert_claim_holds(c: Card, demo: Demo) -> None:
    assert isinstance(c, ChoiceCard)
    words, demonstrate = demo
    holding = [i for i, choice in enumerate(c.choices) if words in choice]
    assert holding == [c.answer_index], f"{c.id}: {words!r} must be in the right choice only"
    demonstrate()
