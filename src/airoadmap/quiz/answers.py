"""Judge a learner's typed answer to a card.

`judge(card, text)` returns a Verdict (right or wrong, and the right answer as shown), or
raises AnswerError when the text cannot be read as an answer to that card at all (not a
choice, not a number, an expression that is refused): the session then asks again once.
An empty answer means "I don't know" and is simply wrong.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from airoadmap.quiz.models import LETTERS, Card, ChoiceCard, ExpressionCard, NumberCard
from airoadmap.quiz.safe_eval import EvalError, Value, safe_eval, same_value

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class AnswerError(ValueError):
    """The text is not an answer of the right form; the message says what to type."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement of one answer."""

    correct: bool
    expected: str  # the right answer, as shown to the learner


def format_number(x: float) -> str:
    """A number without float noise: 0.15384615384615385 -> 0.1538461538."""
    return f"{x:.10g}"


def expected_answer(card: Card) -> str:
    """The right answer as shown to the learner after a wrong answer."""
    if isinstance(card, ChoiceCard):
        i = card.answer_index
        return f"{LETTERS[i]}) {card.choices[i]}"
    if isinstance(card, NumberCard):
        unit = f" {card.unit}" if card.unit else ""
        return f"{format_number(card.answer)}{unit}"
    return card.answer


def answer_form(card: Card) -> str:
    """What kind of text the card expects, for the prompt line."""
    if isinstance(card, ChoiceCard):
        return f"a letter, a to {LETTERS[len(card.choices) - 1]}"
    if isinstance(card, NumberCard):
        return f"a number{f' in {card.unit}' if card.unit else ''}"
    return "a Python expression"


def parse_choice(card: ChoiceCard, text: str) -> int:
    """The 0-based index of the choice the text names: its letter, its number or its text."""
    t = text.strip().lower().rstrip(").").strip()
    n = len(card.choices)
    if len(t) == 1 and t in LETTERS[:n]:
        return LETTERS.index(t)
    if t.isdigit() and 1 <= int(t) <= n:
        return int(t) - 1
    for i, choice in enumerate(card.choices):
        if t == choice.strip().lower():
            return i
    raise AnswerError(
        f"'{text.strip()}' is not one of the choices: type a letter, a to {LETTERS[n - 1]}."
    )


def parse_number(text: str) -> float:
    """A number typed by the learner: 0.25, -3, 1e-3, 1,000, or arithmetic like 1/4."""
    t = text.strip().replace("_", "")
    if t.endswith("%"):
        raise AnswerError("Type a plain number, without a % sign (25% is 0.25).")
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    try:
        value = safe_eval(t)
    except EvalError as exc:
        raise AnswerError(
            f"'{text.strip()}' is not a number ({exc}) Type e.g. 0.25 or 1/4."
        ) from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerError(f"'{text.strip()}' is not a number. Type one number, e.g. 0.25 or 1/4.")
    return float(value)


def within(card: NumberCard, value: float) -> bool:
    """Whether `value` is within the card's absolute or relative tolerance of its answer."""
    if not math.isfinite(value):
        return False
    diff = abs(value - card.answer)
    slack = 1e-12 * max(1.0, abs(card.answer))  # what float rounding of the inputs can cost
    if card.tolerance is not None and diff <= card.tolerance + slack:
        return True
    return card.rel_tolerance is not None and diff <= card.rel_tolerance * abs(card.answer) + slack


def expected_value(card: ExpressionCard) -> Value:
    """The value of an expression card's answer (EvalError if the card itself is broken)."""
    return safe_eval(card.answer)


def parse_expression(text: str) -> Value:
    """The value of the learner's expression, evaluated safely."""
    try:
        return safe_eval(text)
    except EvalError as exc:
        raise AnswerError(str(exc)) from None


def judge(card: Card, text: str) -> Verdict:
    """Judge `text` as an answer to `card`; AnswerError if it is not of the right form."""
    expected = expected_answer(card)
    if not text.strip():
        return Verdict(False, expected)
    if isinstance(card, ChoiceCard):
        return Verdict(parse_choice(card, text) == card.answer_index, expected)
    if isinstance(card, NumberCard):
        return Verdict(within(card, parse_number(text)), expected)
    want = expected_value(card)
    if isinstance(want, str):  # a string answer may be typed with or without its quotes
        raw = text.strip()
        if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
            raw = raw[1:-1]
        return Verdict(raw == want, expected)
    given = parse_expression(text)
    return Verdict(same_value(given, want, rel_tol=card.tolerance), expected)
