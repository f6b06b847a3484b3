"""Fixtures: a fresh progress store, cards made in the test, a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from airoadmap.progress.store import ProgressStore
from airoadmap.quiz.models import Card, ChoiceCard, ExpressionCard, NumberCard

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    s = ProgressStore.for_workspace(tmp_path / "progress.db")
    yield s
    s.close()


def make_card(kind: str = "choice", month: int = 1, n: int = 0, **fields: Any) -> Card:
    """A card for tests, placed in `month` like the loader would."""
    base: dict[str, Any] = {
        "id": f"m{month:02d}-card-{n}",
        "prompt": "Question?",
        "explanation": "Because.",
        "kind": kind,
    }
    defaults: dict[str, dict[str, Any]] = {
        "choice": {"choices": ["one", "two", "three"], "answer": "b"},
        "number": {"answer": 0.25, "tolerance": 0.01},
        "expression": {"answer": "(3, 2)"},
    }
    data = base | defaults[kind] | fields
    model = {"choice": ChoiceCard, "number": NumberCard, "expression": ExpressionCard}[kind]
    card = model.model_validate(data)
    card.placed(month, f"test:{n}")
    return card
