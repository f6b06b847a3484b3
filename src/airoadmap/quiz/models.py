"""Quiz cards as typed data: multiple choice, a number with a tolerance, a Python expression.

One TOML file per month under `content/quiz/` (`m01.toml` .. `m12.toml`), and one per deck
(cards outside the months, e.g. interview practice) under `content/quiz/decks/NAME.toml`.
A month file:

    format_version = 1
    month = 3

    [[cards]]
    id = "m03-matmul-shape"            # mNN-..., unique over all months
    kind = "expression"                # "choice" | "number" | "expression"
    prompt = "A is 3x4 and B is 4x2. What is the shape of A @ B? (a tuple)"
    answer = "(3, 2)"
    explanation = "The inner sizes (4 and 4) must match; the outer ones remain."

Kinds and their fields:
- choice: `choices` (2 to 8) and `answer`, a letter ("b") or a 0-based index (1).
- number: `answer` and `tolerance` (absolute) and/or `rel_tolerance` (relative); an answer
  within either is right. `formula`, when the answer derives from one, is a safe expression
  that computes it: `airoadmap dev check` recomputes it and compares.
- expression: `answer` is a safe expression (see safe_eval.py); the learner's expression
  must evaluate to the same value (numbers within `tolerance`, relative, default 1e-9).

A deck file has `deck` (its name, the file's stem), `title`, `description` and `topics`
(short key -> title) instead of `month`; its card ids are `<deck>-<topic>-words`:

    format_version = 1
    deck = "interview"
    title = "Interview practice"
    description = "..."
    [topics]
    ml = "ML theory"

    [[cards]]
    id = "interview-ml-f1"
    ...

`airoadmap.quiz.validate.validate_cards` checks what the types cannot (answers in range,
tolerances > 0, expressions that evaluate, formulas that match, unique ids).
"""

from __future__ import annotations

import re
import string
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

QUIZ_FORMAT_VERSION = 1
CARD_ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$"  # mNN-words or <deck>-<topic>-words
MONTH_CARD_ID = re.compile(r"^m(0[1-9]|1[0-2])-[a-z0-9]")
DECK_NAME_PATTERN = r"^[a-z][a-z0-9]{1,30}$"
LETTERS = string.ascii_lowercase[:8]  # choice letters a..h


class _CardBase(BaseModel):
    """What every card has: id, prompt, explanation; and where it was loaded from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        pattern=CARD_ID_PATTERN, max_length=128, description="mNN-words or <deck>-..., unique."
    )
    prompt: str = Field(min_length=1, description="The question, in plain words.")
    explanation: str = Field(
        min_length=1, description="Why the answer is right; shown after a wrong answer."
    )

    _month: int = PrivateAttr(default=0)
    _where: str = PrivateAttr(default="")
    _deck: str = PrivateAttr(default="")

    @property
    def month(self) -> int:
        """The month whose file holds the card (0 for a deck's card, or before loading)."""
        return self._month

    @property
    def deck(self) -> str:
        """The deck whose file holds the card ("" for a month's card)."""
        return self._deck

    @property
    def where(self) -> str:
        """`file:line` of the card's `[[cards]]` table, for messages."""
        return self._where

    def placed(self, month: int, where: str, deck: str = "") -> None:
        """Set the month (or deck) and location (the loader calls this once)."""
        self._month = month
        self._where = where
        self._deck = deck


class ChoiceCard(_CardBase):
    """Pick one of `choices`; `answer` is its letter or 0-based index."""

    kind: Literal["choice"]
    choices: list[str] = Field(min_length=2, max_length=len(LETTERS))
    answer: int | str

    @property
    def answer_index(self) -> int:
        """The 0-based index of the right choice (-1 if `answer` is malformed)."""
        if isinstance(self.answer, int):
            return self.answer if 0 <= self.answer < len(self.choices) else -1
        letter = self.answer.strip().lower()
        if len(letter) == 1 and letter in LETTERS[: len(self.choices)]:
            return LETTERS.index(letter)
        return -1


class NumberCard(_CardBase):
    """Type a number; right within `tolerance` (absolute) or `rel_tolerance` (relative)."""

    kind: Literal["number"]
    answer: float
    tolerance: float | None = Field(default=None, description="Absolute: |given - answer|.")
    rel_tolerance: float | None = Field(
        default=None, description="Relative: |given - answer| / |answer|."
    )
    formula: str | None = Field(
        default=None, description="A safe expression that computes `answer` (checked)."
    )
    unit: str | None = Field(default=None, description="Shown after the prompt, e.g. 'days'.")


class ExpressionCard(_CardBase):
    """Type a short Python expression; right when it evaluates to the same value as `answer`."""

    kind: Literal["expression"]
    answer: str = Field(min_length=1, description="A safe expression giving the right value.")
    tolerance: float = Field(default=1e-9, description="Relative tolerance for numbers.")


Card = ChoiceCard | NumberCard | ExpressionCard


class QuizFile(BaseModel):
    """One month's cards."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    month: int = Field(ge=1, le=12)
    cards: list[Annotated[Card, Field(discriminator="kind")]] = Field(min_length=1)


class DeckFile(BaseModel):
    """A deck of cards outside the months (e.g. interview practice), by topic."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    deck: str = Field(pattern=DECK_NAME_PATTERN, description="The deck's name: the file's stem.")
    title: str = Field(min_length=1, max_length=60, description="Shown in the CLI and dashboard.")
    description: str = Field(min_length=1, description="One or two sentences: what it drills.")
    topics: dict[str, str] = Field(
        min_length=1, description="Short key (a card id's second word) -> the topic's title."
    )
    cards: list[Annotated[Card, Field(discriminator="kind")]] = Field(min_length=1)


def deck_of_id(card_id: str) -> str:
    """The deck a card id belongs to: "" for a month's card (mNN-...), else its first word."""
    return "" if MONTH_CARD_ID.match(card_id) else card_id.split("-", 1)[0]
