"""A small, generic model card for a passed exercise that trains a model.

Derived from data: the exercise (title, summary), its registered data sets (description,
origin, licence) and the metrics of the passing attempt, with the check that measured each
(the check's name states the bar). model_cards.toml adds, per exercise, only what cannot be
derived (what the model is, limitations and ethical notes specific to it).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from airoadmap.errors import AiroadmapError
from airoadmap.portfolio.collect import Entry

NOTES_FILE = Path(__file__).with_name("model_cards.toml")
NOTE_KEYS = frozenset({"model", "what", "data", "headline", "limitations", "ethics"})

# A metric whose name holds one of these words measures a trained model.
MODEL_METRIC = re.compile(
    r"(^|_)(r2|accuracy|f1|precision|recall|auc|roc_auc|silhouette|inertia|rmse|mae|mse|"
    r"log_loss|loss|perplexity|bleu|rouge|map|ndcg)($|_)"
)

INTENDED_USE = (
    "A learning project, built and graded while working through the AI Engineering "
    "Roadmap. It is not validated, monitored or maintained for decisions in production."
)
LIMITATIONS = (
    "The scores are single measurements on the held-out data of the exercise's checks, "
    "without confidence intervals: performance on other data is unknown until measured there."
)
ETHICS = (
    "A model learns the patterns of its training data, biases included: measure it on the "
    "people or cases it would affect before any real use."
)


@dataclass(frozen=True)
class MetricLine:
    """A metric of the passing attempt and the check that measured it."""

    name: str
    value: float | None
    check: str


@dataclass(frozen=True)
class ModelCard:
    """The sections of a model card, each a list of plain-text lines."""

    model: str
    intended_use: list[str]
    data: list[str]
    metrics: list[MetricLine]
    limitations: list[str] = field(default_factory=list)
    ethics: list[str] = field(default_factory=list)


@cache
def notes() -> dict[str, dict[str, Any]]:
    """The optional notes, by exercise id (model_cards.toml)."""
    with NOTES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return {str(k): dict(v) for k, v in data.items() if isinstance(v, dict)}


def note(exercise_id: str) -> dict[str, Any]:
    return notes().get(exercise_id, {})


def metric_lines(entry: Entry) -> list[MetricLine]:
    """Every metric of the passing attempt, with the check that recorded it, in check order."""
    lines: list[MetricLine] = []
    seen: set[str] = set()
    for check in entry.checks:
        for name, value in check.metrics.items():
            if name not in seen:
                seen.add(name)
                lines.append(MetricLine(name, value, check.name))
    for name, value in entry.attempt.metrics.items():  # recorded outside any check
        if name not in seen:
            seen.add(name)
            lines.append(MetricLine(name, value, ""))
    return lines


def headline(entry: Entry, limit: int = 4) -> list[MetricLine]:
    """The metrics to show first: the notes' `headline`, else the first check's that has any."""
    lines = metric_lines(entry)
    wanted = note(entry.id).get("headline")
    if isinstance(wanted, list) and wanted:
        by_name = {m.name: m for m in lines}
        return [by_name[n] for n in wanted if n in by_name][:limit]
    if not lines:
        return []
    first = lines[0].check
    return [m for m in lines if m.check == first][:limit]


def trains_model(entry: Entry) -> bool:
    """Whether the exercise gets a model card: the notes say so, or a model metric was
    recorded by its passing attempt."""
    forced = note(entry.id).get("model")
    if isinstance(forced, bool):
        return forced
    return any(MODEL_METRIC.search(m.name.lower()) for m in metric_lines(entry))


def model_card(entry: Entry) -> ModelCard | None:
    """The model card of a passed exercise, or None when it trains no model."""
    if not trains_model(entry):
        return None
    extra = note(entry.id)
    ex = entry.exercise
    return ModelCard(
        model=str(extra.get("what") or ex.title),
        intended_use=[ex.summary, INTENDED_USE],
        data=_data_lines(ex.datasets, extra.get("data")),
        metrics=metric_lines(entry),
        limitations=[*_strings(extra.get("limitations")), LIMITATIONS],
        ethics=[*_strings(extra.get("ethics")), ETHICS],
    )


def _data_lines(names: list[str], given: Any) -> list[str]:
    from airoadmap.datasets import get_spec

    lines = [str(given)] if given else []
    for name in names:
        try:
            spec = get_spec(name)
        except AiroadmapError:  # an unknown name is the curriculum validator's business
            lines.append(f"Data set '{name}'.")
            continue
        lines.append(
            f"{spec.title} ({spec.shape}): {spec.description} Source: {spec.origin}. "
            f"Licence: {spec.license}."
        )
    if not lines:
        lines.append(
            "No registered data set: the checks build their data themselves with fixed "
            "seeds, and the held-out rows never reach the learner's code."
        )
    return lines


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []
