"""Consistency of the quiz cards: one line `file:line: what is wrong` per problem."""

from __future__ import annotations

import math
import re
from pathlib import Path

from airoadmap.curriculum.models import Curriculum
from airoadmap.errors import ContentError
from airoadmap.quiz.answers import format_number, within
from airoadmap.quiz.loader import (
    card_lines,
    deck_files,
    load_deck_file,
    load_quiz_file,
    quiz_files,
)
from airoadmap.quiz.models import (
    LETTERS,
    MONTH_CARD_ID,
    Card,
    ChoiceCard,
    ExpressionCard,
    NumberCard,
)
from airoadmap.quiz.safe_eval import EvalError, safe_eval

MIN_CARDS_PER_MONTH = 15
MIN_CARDS_PER_DECK = 15
_TOPIC_KEY = re.compile(r"^[a-z][a-z0-9]*$")


def _field_line(path: Path, start: int, field: str) -> int:
    """The line of `field = ...` in the card table starting at line `start` (else `start`)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return start
    pattern = re.compile(rf"^\s*{re.escape(field)}\s*=")
    for n in range(start, len(lines)):  # lines[start] is the line after the table header
        if lines[n].lstrip().startswith("[["):
            break
        if pattern.match(lines[n]):
            return n + 1
    return start


def _card_problems(card: Card, path: Path, line: int) -> list[str]:
    """What is wrong with one card (its `[[cards]]` table is at `line`)."""
    at = f"{path}:{{}}: card '{card.id}': {{}}"
    problems: list[str] = []

    def bad(field: str, what: str) -> None:
        problems.append(at.format(_field_line(path, line, field), what))

    if isinstance(card, ChoiceCard):
        if card.answer_index < 0:
            last = LETTERS[len(card.choices) - 1]
            bad(
                "answer",
                f"answer {card.answer!r} is not one of the {len(card.choices)} choices "
                f"(a letter a..{last} or an index 0..{len(card.choices) - 1}).",
            )
        seen = [c.strip().lower() for c in card.choices]
        if len(set(seen)) != len(seen):
            bad("choices", "two choices are the same.")
    elif isinstance(card, NumberCard):
        if card.tolerance is None and card.rel_tolerance is None:
            bad("answer", "give `tolerance` (absolute) or `rel_tolerance` (relative), > 0.")
        for name in ("tolerance", "rel_tolerance"):
            value = getattr(card, name)
            if value is not None and not (math.isfinite(value) and value > 0):
                bad(name, f"{name} must be > 0, got {value}.")
        if not math.isfinite(card.answer):
            bad("answer", f"answer must be a finite number, got {card.answer}.")
        if card.formula is not None:
            try:
                value = safe_eval(card.formula)
            except EvalError as exc:
                bad("formula", f"formula does not evaluate: {exc}")
            else:
                if isinstance(value, bool) or not isinstance(value, int | float):
                    bad("formula", f"formula gives {value!r}, not a number.")
                elif not problems and not within(card, float(value)):
                    bad(
                        "answer",
                        f"answer {format_number(card.answer)} differs from its formula's "
                        f"{format_number(value)} by more than the tolerance.",
                    )
    elif isinstance(card, ExpressionCard):
        if not (math.isfinite(card.tolerance) and card.tolerance > 0):
            bad("tolerance", f"tolerance must be > 0, got {card.tolerance}.")
        try:
            safe_eval(card.answer)
        except EvalError as exc:
            bad("answer", f"the answer does not evaluate under the safe evaluator: {exc}")
    return problems


def validate_cards(cur: Curriculum, root: Path | None = None) -> list[str]:
    """Every problem of the quiz files under `root` (the packaged content by default).

    Checks: each file loads and is named after its month (mNN.toml), the month exists, card
    ids are unique and start with their month (m03-...), at least MIN_CARDS_PER_MONTH cards
    a file, multiple choice answers within the choices, tolerances > 0, expression answers
    and number formulas evaluate (and formulas match the answer). Deck files
    (quiz/decks/NAME.toml): the same for their cards, named after their deck, ids
    `<deck>-<topic>-words` with a declared topic, every topic used, MIN_CARDS_PER_DECK cards.
    """
    months = {m.number for m in cur.months}
    problems: list[str] = []
    first_seen: dict[str, str] = {}
    for path in quiz_files(root):
        try:
            quiz = load_quiz_file(path)
        except ContentError as exc:
            problems.append(str(exc))
            continue
        if path.stem != f"m{quiz.month:02d}":
            problems.append(f"{path}:1: month = {quiz.month} but the file is {path.name}.")
        if quiz.month not in months:
            problems.append(f"{path}:1: month {quiz.month} is not in the roadmap.")
        if len(quiz.cards) < MIN_CARDS_PER_MONTH:
            problems.append(
                f"{path}:1: {len(quiz.cards)} cards; a month needs at least {MIN_CARDS_PER_MONTH}."
            )
        lines = card_lines(path)
        for i, card in enumerate(quiz.cards):
            line = lines[i] if i < len(lines) else 1
            where = f"{path}:{_field_line(path, line, 'id')}"
            if not card.id.startswith(f"m{quiz.month:02d}-"):
                problems.append(
                    f"{where}: card id '{card.id}' must start with 'm{quiz.month:02d}-'."
                )
            if card.id in first_seen:
                problems.append(
                    f"{where}: card id '{card.id}' is used twice (first at {first_seen[card.id]})."
                )
            else:
                first_seen[card.id] = where
            problems.extend(_card_problems(card, path, line))
    problems += _deck_problems(root, first_seen)
    return problems


def _deck_problems(root: Path | None, first_seen: dict[str, str]) -> list[str]:
    """The deck files' problems: as a month's, plus names, topics and `<deck>-<topic>-` ids."""
    problems: list[str] = []
    for path in deck_files(root):
        try:
            deck = load_deck_file(path)
        except ContentError as exc:
            problems.append(str(exc))
            continue
        if path.stem != deck.deck:
            problems.append(f"{path}:1: deck = '{deck.deck}' but the file is {path.name}.")
        if MONTH_CARD_ID.match(f"{deck.deck}-x"):
            problems.append(f"{path}:1: deck '{deck.deck}' looks like a month: rename it.")
        for key in deck.topics:
            if not _TOPIC_KEY.match(key):
                problems.append(f"{path}:1: topic key '{key}' must be lower-case letters/digits.")
        if len(deck.cards) < MIN_CARDS_PER_DECK:
            problems.append(
                f"{path}:1: {len(deck.cards)} cards; a deck needs at least {MIN_CARDS_PER_DECK}."
            )
        lines = card_lines(path)
        used: set[str] = set()
        for i, card in enumerate(deck.cards):
            line = lines[i] if i < len(lines) else 1
            where = f"{path}:{_field_line(path, line, 'id')}"
            words = card.id.split("-")
            if words[0] != deck.deck or len(words) < 3 or words[1] not in deck.topics:
                topics = "|".join(deck.topics)
                problems.append(
                    f"{where}: card id '{card.id}' must read '{deck.deck}-<{topics}>-words'."
                )
            else:
                used.add(words[1])
            if card.id in first_seen:
                problems.append(
                    f"{where}: card id '{card.id}' is used twice (first at {first_seen[card.id]})."
                )
            else:
                first_seen[card.id] = where
            problems.extend(_card_problems(card, path, line))
        for key in sorted(set(deck.topics) - used):
            problems.append(f"{path}:1: topic '{key}' has no card.")
    return problems
