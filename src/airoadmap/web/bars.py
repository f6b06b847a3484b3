"""The bar each metric of an exercise must reach, for the dashboard's charts and chips.

The bars are declared once, in the exercise's exercise.toml (`[bars] r2_holdout =
{ at_least = 0.90, why = "..." }`): the checks judge against that table (`expect_bar`) and the
dashboard draws the same numbers. Nothing here reads or runs checks.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from airoadmap.curriculum.models import Exercise


@dataclass(frozen=True, slots=True)
class Bar:
    """A metric's bar: at least `value` (higher is better) or at most `value`."""

    metric: str
    value: float
    higher_is_better: bool
    why: str = ""

    def met(self, value: float | None) -> bool:
        if value is None or not math.isfinite(value):
            return False
        return value >= self.value if self.higher_is_better else value <= self.value

    @property
    def label(self) -> str:
        return f"{'≥' if self.higher_is_better else '≤'} {self.value:g}"


def exercise_bars(exercise: Exercise) -> dict[str, Bar]:
    """The exercise's bars by metric name, from its `[bars]` table."""
    bars: dict[str, Bar] = {}
    for name, bar in exercise.bars.items():
        if bar.at_least is not None:
            bars[name] = Bar(name, bar.at_least, True, bar.why)
        elif bar.at_most is not None:
            bars[name] = Bar(name, bar.at_most, False, bar.why)
    return bars
