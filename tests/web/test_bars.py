"""The dashboard's bars come from exercise.toml's [bars], the table the checks judge against."""

from __future__ import annotations

import math

from airoadmap.curriculum.loader import curriculum
from airoadmap.curriculum.models import Bar as DeclaredBar
from airoadmap.web.bars import Bar, exercise_bars


def test_bars_are_the_exercise_table() -> None:
    cur = curriculum()
    titanic = exercise_bars(cur.exercises["m04-titanic"])
    assert set(titanic) == {"accuracy_holdout"}
    bar = titanic["accuracy_holdout"]
    assert (bar.value, bar.higher_is_better, bar.label) == (0.78, True, "≥ 0.78")
    assert "0.821" in bar.why
    kmeans = exercise_bars(cur.exercises["m05-kmeans"])["inertia_ratio_worst"]
    assert (kmeans.higher_is_better, kmeans.label) == (False, "≤ 1.01")
    assert exercise_bars(cur.exercises["m01-katas"]) == {}


def test_a_new_bar_in_the_table_reaches_the_dashboard() -> None:
    ex = curriculum().exercises["m01-katas"].model_copy(
        update={"bars": {"speed": DeclaredBar(at_most=2.5, why="twice the reference")}}
    )
    assert exercise_bars(ex) == {"speed": Bar("speed", 2.5, False, "twice the reference")}


def test_met_judges_like_the_checks() -> None:
    high, low = Bar("acc", 0.8, True), Bar("err", 1.0, False)
    assert high.met(0.8) and not high.met(0.79) and not high.met(None)
    assert low.met(1.0) and not low.met(1.01) and not low.met(math.nan)
