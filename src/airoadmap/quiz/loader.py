"""Read the quiz cards (content/quiz/mNN.toml) with `file:line: what` errors."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from airoadmap.curriculum.loader import content_root, load_model
from airoadmap.errors import ContentError
from airoadmap.quiz.models import QUIZ_FORMAT_VERSION, Card, QuizFile

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


def load_quiz_file(path: Path) -> QuizFile:
    """One quiz file, each card placed (its month and `file:line` set)."""
    quiz = load_model(path, QuizFile)
    if quiz.format_version != QUIZ_FORMAT_VERSION:
        raise ContentError(
            f"{path}:1: format_version {quiz.format_version} is not supported (this airoadmap "
            f"reads {QUIZ_FORMAT_VERSION}): upgrade airoadmap."
        )
    lines = card_lines(path)
    for i, card in enumerate(quiz.cards):
        card.placed(quiz.month, f"{path}:{lines[i] if i < len(lines) else 1}")
    return quiz


def load_cards(root: Path | None = None) -> list[Card]:
    """Every card under `root`, month by month in file order. Raises ContentError."""
    return [card for path in quiz_files(root) for card in load_quiz_file(path).cards]


@cache
def all_cards() -> tuple[Card, ...]:
    """The packaged cards, loaded once per process."""
    return tuple(load_cards())
