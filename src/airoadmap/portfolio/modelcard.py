"""A small, generic model card for a passed exercise that trains a model.

Derived from data: the exercise (title, summary), its registered data sets (description,
origin, licence) and the metrics of the passing attempt, with the check that measured each
and its bar (exercise.toml `[bars]`). The exercise's optional `[model_card]` table adds only
what cannot be derived (what the model is, limitations and ethical notes specific to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from airoadmap.curriculum.models import Exercise, ModelCardNotes
from airoadmap.errors import AiroadmapError
from airoadmap.portfolio.collect import Entry

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
    """A metric of the passing attempt, the check that measured it, and its bar if any
    ("at least 0.78")."""

    name: str
    value: float | None
    check: str
    bar: str = ""


@dataclass(frozen=True)
class ModelCard:
    """The sections of a model card, each a list of plain-text lines."""

    model: str
    intended_use: list[str]
    data: list[str]
    metrics: list[MetricLine]
    limitations: list[str] = field(default_factory=list)
    ethics: list[str] = field(default_factory=list)


def notes(exercise: Exercise) -> ModelCardNotes:
    """The exercise's optional `[model_card]` notes (all empty when it declares none)."""
    return exercise.model_card or ModelCardNotes()


def _bar(exercise: Exercise, metric: str) -> str:
    bar = exercise.bars.get(metric)
    if bar is None:
        return ""
    return f"at least {bar.at_least:g}" if bar.at_least is not None else f"at most {bar.at_most:g}"


def metric_lines(entry: Entry) -> list[MetricLine]:
    """Every metric of the passing attempt, with the check that recorded it, in check order."""
    lines: list[MetricLine] = []
    seen: set[str] = set()
    ex = entry.exercise
    for check in entry.checks:
        for name, value in check.metrics.items():
            if name not in seen:
                seen.add(name)
                lines.append(MetricLine(name, value, check.name, _bar(ex, name)))
    for name, value in entry.attempt.metrics.items():  # recorded outside any check
        if name not in seen:
            seen.add(name)
            lines.append(MetricLine(name, value, "", _bar(ex, name)))
    return lines


def headline(entry: Entry, limit: int = 4) -> list[MetricLine]:
    """The metrics to show first: the notes' `headline`, else the first check's that has any."""
    lines = metric_lines(entry)
    wanted = notes(entry.exercise).headline
    if wanted:
        by_name = {m.name: m for m in lines}
        return [by_name[n] for n in wanted if n in by_name][:limit]
    if not lines:
        return []
    first = lines[0].check
    return [m for m in lines if m.check == first][:limit]


def trains_model(entry: Entry) -> bool:
    """Whether the exercise gets a model card: the notes say so, or a model metric was
    recorded by its passing attempt."""
    forced = notes(entry.exercise).model
    if forced is not None:
        return forced
    return any(MODEL_METRIC.search(m.name.lower()) for m in metric_lines(entry))


def model_card(entry: Entry) -> ModelCard | None:
    """The model card of a passed exercise, or None when it trains no model."""
    if not trains_model(entry):
        return None
    ex = entry.exercise
    extra = notes(ex)
    return ModelCard(
        model=extra.what or ex.title,
        intended_use=[ex.summary, INTENDED_USE],
        data=_data_lines(ex.datasets, extra.data),
        metrics=metric_lines(entry),
        limitations=[*extra.limitations, LIMITATIONS],
        ethics=[*extra.ethics, ETHICS],
    )


def _data_lines(names: list[str], given: str) -> list[str]:
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
