"""Shared checks of the answer tests: every choice card is shown in code or marked
concept-only, a demonstrated claim is the right choice's and holds when run, every number and
expression card is recomputed and judged as a learner's typed answer, the text reads in a
terminal, and `airoadmap quiz --month N` asks a month's cards."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.quiz.answers import judge
from airoadmap.quiz.models import Card, ChoiceCard, ExpressionCard, NumberCard

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


def as_typed(value: Any) -> str:
    """A value as a learner would type it: 0.488, (165, 4965), 50, {'age', 'city'} (torch
    sizes and NumPy scalars as plain Python)."""
    if type(value).__name__ == "Size":  # torch.Size, without importing torch here
        value = tuple(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, tuple):
        value = tuple(v.item() if isinstance(v, np.generic) else v for v in value)
    if isinstance(value, set | frozenset):  # in a fixed order: {'age', 'city'}
        return "{" + ", ".join(repr(v) for v in sorted(value)) + "}"
    return repr(value)


def assert_every_answer_recomputed(cards: Mapping[str, Card], recompute: Mapping[str, Any]) -> None:
    computed = {i for i, c in cards.items() if isinstance(c, NumberCard | ExpressionCard)}
    assert computed - set(recompute) == set(), "add a recomputation for these cards"
    assert set(recompute) - computed == set(), "stale entries"


def assert_answer_recomputed(c: Card, value: Any) -> None:
    """The recomputed value, typed, is judged right; for a number, a far-off one is not (the
    tolerance does not let everything through)."""
    typed = as_typed(value)
    assert judge(c, typed).correct, f"{c.id}: the card says {c.answer}, recomputed {typed}"
    if isinstance(c, NumberCard):
        assert not judge(c, as_typed(value * 1.5 + 1)).correct


def assert_plain_text(cards: Mapping[str, Card]) -> None:
    for c in cards.values():
        texts = [c.prompt, c.explanation, *(c.choices if isinstance(c, ChoiceCard) else [])]
        for text in texts:
            assert not re.search(r"[$\\`]", text), f"{c.id}: {text!r}"  # no LaTeX, no markdown


def assert_quiz_asks_month(
    month: int, cards: Mapping[str, Card], answered: int, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """`airoadmap quiz --month N` lists every card of the month in the file's order and takes a
    right answer to each of the first `answered` (which must hold every kind)."""
    from tests.quiz.test_cli_quiz import make_workspace, quiz, right

    make_workspace(tmp_path / "ws", date.today())
    monkeypatch.chdir(tmp_path / "ws")
    code, out = quiz("--month", str(month), "--json", "--new", "100")
    assert code == 0, out
    data = json.loads(out)
    assert [d["id"] for d in data["due"]] == list(cards)
    assert data["by_month"] == {str(month): len(cards)}
    firsts = list(cards.values())[:answered]  # new cards come in the file's order
    assert {c.kind for c in firsts} == {"choice", "number", "expression"}
    feed = [line for c in firsts for line in (right(c), "")]  # the answer, then Enter
    code, out = quiz(
        "--month", str(month), "--new", "100", "--limit", str(answered),
        input="\n".join(feed) + "\n",
    )  # fmt: skip
    assert code == 0, out
    assert out.count("✔ Right.") == answered, out


def assert_card_mix(cards: Mapping[str, Card], minimum: int) -> None:
    """At least `minimum` cards, all three kinds, real explanations, and the right choice not
    always in the same place."""
    assert len(cards) >= minimum
    assert {c.kind for c in cards.values()} == {"choice", "number", "expression"}
    assert all(len(c.explanation) >= 40 for c in cards.values())
    right = {c.answer_index for c in cards.values() if isinstance(c, ChoiceCard)}
    assert len(right) >= 3


def cards_by_topic(cards: Mapping[str, Card], prefix: str, topics: Any) -> dict[str, list[Card]]:
    """The cards grouped by the topic their id names (`<prefix>-<topic>-...`); every id must
    name one of `topics`."""
    grouped: dict[str, list[Card]] = {t: [] for t in topics}
    for c in cards.values():
        named = re.match(rf"{re.escape(prefix)}-([a-z0-9]+)-", c.id)
        assert named and named.group(1) in grouped, f"{c.id}: name it {prefix}-<topic>-..."
        grouped[named.group(1)].append(c)
    return grouped
