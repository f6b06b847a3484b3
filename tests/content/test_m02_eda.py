"""m02-eda: the content fits together, and the reference solution beyond the checks.

The solution, the starter and the held-back submissions (submissions/m02_eda/: formulas by
hand and pyplot's state API, pandas plotting, and wrong_*.py that each break one function) are
run by tests/content/test_submissions.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EXERCISE_ID = "m02-eda"
EXERCISE = exercise_dir(EXERCISE_ID)

# Check -> the function it tests.
FUNCTION_CHECKS = {
    "missing_summary_counts": "missing_summary",
    "iqr_outliers_fences": "iqr_outliers",
    "cramers_v_matches_scipy": "cramers_v",
    "welch_test_matches_scipy": "two_group_test",
    "mannwhitney_matches_scipy": "two_group_test",
    "two_group_test_rejects_bad_input": "two_group_test",
    "group_rates_and_disparity": "group_rates",
    "histogram_of_numeric": "plot_distribution",
    "bars_of_categories": "plot_distribution",
    "missing_plot": "plot_missing",
    "target_rate_plot": "plot_target_rate",
    "scatter_plot": "plot_scatter",
}

HINTS = {
    "general",
    "missing",
    "outliers",
    "cramers_v",
    "tests",
    "fairness",
    "figures",
    "distribution",
    "target_rate",
}


def test_checks_and_hints_fit_together() -> None:
    ex = load_model(EXERCISE / "exercise.toml", Exercise)
    assert {group.key for group in ex.hints} == HINTS
    assert list(declared_checks(EXERCISE_ID)) == list(FUNCTION_CHECKS)
    assert ex.files == ["eda.py"]
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "eda.py").is_file()


def test_starter_leaves_every_function_to_the_learner() -> None:
    starter = (EXERCISE / "starter" / "eda.py").read_text(encoding="utf-8")
    assert starter.count("    # TODO:") == 10
    functions = set(FUNCTION_CHECKS.values()) | {"disparity_ratio"}
    assert all(f"def {name}(" in starter for name in functions)


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> object:
    from tests.content.submissions.m02_eda import reference

    return reference


@pytest.mark.slow
def test_solution_on_titanic_matches_known_figures(solution: object) -> None:
    """Numbers a learner can check by hand on the real data (1309 passengers)."""
    from airoadmap.datasets import load_frame

    df = load_frame("titanic")
    missing = solution.missing_summary(df)  # type: ignore[attr-defined]
    assert missing.loc["age", "n_missing"] == 263
    assert list(missing.index[:2]) == ["body", "cabin"]
    rates = solution.group_rates(df["survived"], df["sex"])  # type: ignore[attr-defined]
    assert rates["female"] == pytest.approx(339 / 466)
    ratio = solution.disparity_ratio(df["survived"], df["sex"])  # type: ignore[attr-defined]
    assert ratio == pytest.approx(rates["male"] / rates["female"])
    v = solution.cramers_v(df["sex"], df["survived"])  # type: ignore[attr-defined]
    assert 0.5 < v < 0.55


def test_solution_handles_nullable_and_categorical_input(solution: object) -> None:
    values = pd.Series([1.0, 2.5, None, 4.0, 8.0, 9.5], dtype="Float64")
    groups = pd.Series(["a", "b", "a", None, "b", "a"], dtype="category")
    stat, p = solution.two_group_test(values, groups)  # type: ignore[attr-defined]
    assert np.isfinite(stat) and 0.0 <= p <= 1.0
    flags = solution.iqr_outliers(pd.Series([1, 2, 3, 4, 100, None], dtype="Int64"))  # type: ignore[attr-defined]
    assert flags.tolist() == [False, False, False, False, True, False]
