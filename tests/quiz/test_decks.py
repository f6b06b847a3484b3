"""Decks of cards outside the months (`airoadmap quiz --deck interview`): loading, validation,
their own new-card allowance on the shared schedule, and the command end to end."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.cli.app import app as main_app
from airoadmap.curriculum.loader import load_curriculum
from airoadmap.progress.store import ProgressStore, QuizReviewRow
from airoadmap.quiz import session
from airoadmap.quiz.loader import (
    UnknownDeckError,
    all_cards,
    card_source,
    deck_cards,
    find_card,
    get_deck,
    topic_of,
)
from airoadmap.quiz.models import LETTERS, Card, ChoiceCard, NumberCard, deck_of_id
from airoadmap.quiz.scheduler import Rating
from airoadmap.quiz.session import NEW_PER_DAY, QuizSession, pick_due
from airoadmap.quiz.validate import validate_cards
from airoadmap.workspace import Workspace

from .conftest import NOW, make_card

runner = CliRunner()


def quiz(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(main_app, ["quiz", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    result = runner.invoke(main_app, ["init", str(root), "--start", date.today().isoformat()])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(root)
    return root


def reviews(ws: Path) -> list[QuizReviewRow]:
    with ProgressStore.for_workspace(Workspace(ws.resolve()).db_path) as store:
        return store.quiz_reviews()


def right(card: Card) -> str:
    if isinstance(card, ChoiceCard):
        return LETTERS[card.answer_index]
    if isinstance(card, NumberCard):
        return repr(card.answer)
    return card.answer


# -- loading ----------------------------------------------------------------------------------


def test_the_interview_deck_stays_out_of_the_months() -> None:
    deck = get_deck("interview")
    ids = {c.id for c in deck.cards}
    assert not ids & {c.id for c in all_cards()}
    assert all(c.month >= 1 and not c.deck for c in all_cards())
    assert all(deck_of_id(i) == "interview" for i in ids)
    assert deck_of_id("m03-matmul-shape") == ""


def test_deck_cards_take_the_topics_in_turn() -> None:
    cards = deck_cards("interview")
    topics = list(get_deck("interview").topics)
    assert sorted(c.id for c in cards) == sorted(c.id for c in get_deck("interview").cards)
    assert [topic_of(c) for c in cards[: len(topics)]] == topics
    assert len({topic_of(c) for c in cards[:NEW_PER_DAY]}) == len(topics)  # a day covers all


def test_find_card_and_where_it_comes_from() -> None:
    first = deck_cards("interview")[0]
    assert find_card(first.id) is first
    assert card_source(first) == "Interview practice · ML theory"
    month_card = all_cards()[0]
    assert find_card(month_card.id) is month_card
    assert card_source(month_card) == f"Month {month_card.month}"
    assert find_card("interview-ml-nope") is None and find_card("nodeck-ml-x") is None


def test_unknown_deck_names_the_decks() -> None:
    with pytest.raises(UnknownDeckError) as err:
        get_deck("interviews")
    message = str(err.value)
    assert "Unknown quiz deck 'interviews'" in message and "Did you mean 'interview'?" in message
    assert "The decks: interview." in message and "\n" not in message


# -- validation -------------------------------------------------------------------------------

DECK_HEAD = """format_version = 1
deck = "{name}"
title = "Practice"
description = "Cards for a test."

[topics]
ab = "Topic A"
cd = "Topic C"
"""


def _deck_card(card_id: str, n: int) -> str:
    return (
        f'[[cards]]\nid = "{card_id}"\nkind = "expression"\nprompt = "{n} + 1?"\n'
        f'answer = "{n + 1}"\nexplanation = "Addition."\n'
    )


def _write(root: Path, rel: str, text: str) -> Path:
    path = root / "quiz" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_deck_validates(tmp_path: Path) -> None:
    cards = "\n".join(_deck_card(f"prep-{'ab' if i % 2 else 'cd'}-q{i}", i) for i in range(15))
    _write(tmp_path, "decks/prep.toml", DECK_HEAD.format(name="prep") + "\n" + cards)
    assert validate_cards(load_curriculum(), tmp_path) == []


def test_deck_problems_each_on_one_line_with_file_and_line(tmp_path: Path) -> None:
    month = "\n".join(
        f'[[cards]]\nid = "m04-q{i}"\nkind = "expression"\nprompt = "{i}?"\n'
        f'answer = "{i}"\nexplanation = "It is."\n'
        for i in range(15)
    )
    _write(tmp_path, "m04.toml", f"format_version = 1\nmonth = 4\n\n{month}")
    cards = [
        _deck_card("prep-ab-one", 1),  # its id is on line 10
        _deck_card("prep-xy-two", 2),  # line 17: a topic the deck does not declare
        _deck_card("other-ab-three", 3),  # line 24: another deck's prefix
        _deck_card("m04-q1", 4),  # line 31: a month card's id, used twice
    ]
    path = _write(tmp_path, "decks/drill.toml", DECK_HEAD.format(name="prep") + "\n".join(cards))
    problems = validate_cards(load_curriculum(), tmp_path)
    expected = [
        (1, "deck = 'prep' but the file is drill.toml"),
        (1, "4 cards; a deck needs at least 15"),
        (17, "card id 'prep-xy-two' must read 'prep-<ab|cd>-words'"),
        (24, "card id 'other-ab-three' must read 'prep-<ab|cd>-words'"),
        (31, "card id 'm04-q1' must read"),
        (31, "card id 'm04-q1' is used twice (first at"),
        (1, "topic 'cd' has no card"),
    ]
    text = "\n".join(problems)
    for line, what in expected:
        assert any(p.startswith(f"{path}:{line}: ") and what in p for p in problems), (
            f"line {line}: {what!r} not in\n{text}"
        )
    assert len(problems) == len(expected), text


def test_a_deck_that_does_not_load_is_one_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, "decks/prep.toml", DECK_HEAD.format(name="Prep!") + _deck_card("x", 1))
    problems = validate_cards(load_curriculum(), tmp_path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:"), problems


# -- scheduling: the same scheduler, the deck's own allowance of new cards --------------------


def _deck_card_for(n: int) -> Card:
    card = make_card("expression", 1, n, id=f"prep-ab-q{n}")
    card.placed(0, f"test:{n}", deck="prep")
    return card


def test_a_deck_has_its_own_new_card_allowance(store: ProgressStore) -> None:
    months = [make_card("choice", 1, n) for n in range(12)]
    deck = [_deck_card_for(n) for n in range(12)]
    s = QuizSession(store, clock=lambda: NOW)
    for card in months[:4]:
        s.record(card, Rating.Good)
    for card in deck[:7]:
        s.record(card, Rating.Good)
    rows = store.quiz_reviews()
    assert [c.id for c in pick_due(months, rows, NOW, new_per_day=10)] == [
        c.id for c in months[4:10]
    ]  # 10 - 4 month cards seen today; the 7 deck cards do not count
    assert [c.id for c in pick_due(deck, rows, NOW, new_per_day=10)] == [c.id for c in deck[7:10]]


# -- the command ------------------------------------------------------------------------------


def test_help_names_the_deck_option() -> None:
    result = runner.invoke(main_app, ["quiz", "--help"])
    assert result.exit_code == 0 and "--deck" in result.output and "interview" in result.output


def test_json_lists_the_deck_cards_due(ws: Path) -> None:
    code, out = quiz("--deck", "interview", "--json")
    assert code == 0, out
    data = json.loads(out)
    firsts = deck_cards("interview")[:NEW_PER_DAY]
    assert data["deck"] == "interview" and data["months_upto"] is None
    assert [d["id"] for d in data["due"]] == [c.id for c in firsts]
    assert all(d["deck"] == "interview" and d["month"] is None for d in data["due"])
    assert sum(data["by_topic"].values()) == NEW_PER_DAY and data["by_month"] == {}
    assert "answer" not in json.dumps(data["due"])
    assert reviews(ws) == []


def test_a_deck_sitting_records_its_own_rows(ws: Path) -> None:
    c1, c2 = deck_cards("interview")[:2]
    code, out = quiz("--deck", "interview", "--limit", "2", input=f"{right(c1)}\ng\n\n\n")
    assert code == 0, out
    assert "Interview practice" in out and "2 cards due (2 new)" in out
    assert "✔ Right." in out and "✘ The answer" in out  # Enter alone: not known
    assert [(r.card_id, r.rating) for r in reviews(ws)] == [
        (c1.id, Rating.Good),
        (c2.id, Rating.Again),
        (c2.id, Rating.Again),  # asked once more at the end, Enter again
    ]
    # the months' new cards are untouched: still the full allowance of month 1
    months = json.loads(quiz("--month", "1", "--json")[1])
    assert months["count"] == NEW_PER_DAY
    with ProgressStore.for_workspace(Workspace(ws.resolve()).db_path) as store:
        assert sum(session.due_counts(load_curriculum(), store).values()) == NEW_PER_DAY
    deck = json.loads(quiz("--deck", "interview", "--json")[1])
    assert deck["count"] == NEW_PER_DAY - 2  # 2 new seen today; c2 comes back in 10 minutes
    assert {c1.id, c2.id}.isdisjoint(d["id"] for d in deck["due"])


def test_unknown_deck_is_one_line_listing_the_decks(ws: Path) -> None:
    code, out = quiz("--deck", "intervew")
    assert code == 1
    assert out.strip().startswith("error: Unknown quiz deck 'intervew'")
    assert "The decks: interview." in out and len(out.strip().splitlines()) == 1


def test_deck_and_month_together_is_one_line(ws: Path) -> None:
    code, out = quiz("--deck", "interview", "--month", "2")
    assert code == 1 and len(out.strip().splitlines()) == 1
    assert "--deck and --month do not go together" in out
    assert reviews(ws) == []


def test_a_deck_needs_no_schedule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "late"
    start = (date.today() - timedelta(days=200)).isoformat()
    assert runner.invoke(main_app, ["init", str(root), "--start", start]).exit_code == 0
    monkeypatch.chdir(root)
    data = json.loads(quiz("--deck", "interview", "--json", "--new", "100")[1])
    assert data["count"] == len(get_deck("interview").cards)
