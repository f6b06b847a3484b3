"""Read the quiz cards (content/quiz/mNN.toml, and the decks content/quiz/decks/NAME.toml)
with `file:line: what` errors."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from airoadmap.curriculum.loader import content_root, load_model
from airoadmap.errors import AiroadmapError, ContentError
from airoadmap.quiz.models import QUIZ_FORMAT_VERSION, Card, DeckFile, QuizFile

_CARD_TABLE = re.compile(r"^\s*\[\[\s*cards\s*\]\]")


def quiz_dir(root: Path | None = None) -> Path:
    """The folder of the quiz files in a content root (the packaged one by default)."""
    return (root or content_root()) / "quiz"


def quiz_files(root: Path | None = None) -> list[Path]:
    """The quiz files, in month order."""
    return sorted(quiz_dir(root).glob("m*.toml"))


def card_lines(path: Path) -> list[int]:
    """The line (1-based) of each `[[cards]]` table of a quiz file, in order."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [n for n, line in enumerate(text.splitlines(), start=1) if _CARD_TABLE.match(line)]


def _supported(path: Path, version: int) -> None:
    if version != QUIZ_FORMAT_VERSION:
        raise ContentError(
            f"{path}:1: format_version {version} is not supported (this airoadmap "
            f"reads {QUIZ_FORMAT_VERSION}): upgrade airoadmap."
        )


def load_quiz_file(path: Path) -> QuizFile:
    """One quiz file, each card placed (its month and `file:line` set)."""
    quiz = load_model(path, QuizFile)
    _supported(path, quiz.format_version)
    lines = card_lines(path)
    for i, card in enumerate(quiz.cards):
        card.placed(quiz.month, f"{path}:{lines[i] if i < len(lines) else 1}")
    return quiz


def deck_files(root: Path | None = None) -> list[Path]:
    """The deck files (content/quiz/decks/NAME.toml), by name."""
    return sorted((quiz_dir(root) / "decks").glob("*.toml"))


def load_deck_file(path: Path) -> DeckFile:
    """One deck file, each card placed (its deck and `file:line` set; month 0)."""
    deck = load_model(path, DeckFile)
    _supported(path, deck.format_version)
    lines = card_lines(path)
    for i, card in enumerate(deck.cards):
        card.placed(0, f"{path}:{lines[i] if i < len(lines) else 1}", deck=deck.deck)
    return deck


def load_cards(root: Path | None = None) -> list[Card]:
    """Every card under `root`, month by month in file order. Raises ContentError."""
    return [card for path in quiz_files(root) for card in load_quiz_file(path).cards]


@cache
def all_cards() -> tuple[Card, ...]:
    """The packaged cards, loaded once per process."""
    return tuple(load_cards())


@cache
def all_decks() -> dict[str, DeckFile]:
    """The packaged decks by name, loaded once per process."""
    return {path.stem: load_deck_file(path) for path in deck_files()}


class UnknownDeckError(AiroadmapError):
    """A deck name that no deck file has."""

    def __init__(self, given: str, known: list[str]) -> None:
        import difflib

        close = difflib.get_close_matches(given.strip().lower(), known, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        names = ", ".join(known) or "none yet"
        super().__init__(f"Unknown quiz deck '{given}'.{hint} The decks: {names}.")
        self.given = given
        self.known = known


def get_deck(name: str) -> DeckFile:
    """The packaged deck called `name`; UnknownDeckError (listing the decks) if none is."""
    decks = all_decks()
    if name not in decks:
        raise UnknownDeckError(name, sorted(decks))
    return decks[name]


def deck_cards(name: str) -> list[Card]:
    """A deck's cards in the order they are offered: topics taken in turn (the first card of
    each topic, then the second ...), so a day's new cards cover every topic."""
    deck = get_deck(name)
    by_topic: dict[str, list[Card]] = {key: [] for key in deck.topics}
    for card in deck.cards:
        by_topic.setdefault(topic_of(card), []).append(card)
    rounds = itertools.zip_longest(*by_topic.values())
    return [card for group in rounds for card in group if card is not None]


def find_card(card_id: str) -> Card | None:
    """The packaged card with this id, in a month or a deck (None if there is none)."""
    from airoadmap.quiz.models import deck_of_id

    deck = deck_of_id(card_id)
    if not deck:
        pool: Sequence[Card] = all_cards()
    elif deck in all_decks():
        pool = all_decks()[deck].cards
    else:
        return None
    return next((c for c in pool if c.id == card_id), None)


def topic_of(card: Card) -> str:
    """A deck card's topic key (the id's second word); "" for a month's card."""
    return card.id.split("-")[1] if card.deck else ""


def card_source(card: Card) -> str:
    """Where a card comes from, for a heading: "Month 3" or "Interview practice · ML theory"."""
    if not card.deck:
        return f"Month {card.month}"
    deck = all_decks().get(card.deck)
    if deck is None:
        return card.deck
    return f"{deck.title} · {deck.topics.get(topic_of(card), topic_of(card))}"
