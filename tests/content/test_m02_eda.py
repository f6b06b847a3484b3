"""m02-eda: its checks pass every correct submission and fail each wrong one, naming the mistake.

The checks run in-process (tests/content/inprocess.py). Held-back submissions live in
submissions/m02_eda/: alt_*.py are correct in other ways (formulas by hand and pyplot's state
API; pandas plotting); each wrong_*.py re-exports the reference solution and breaks one
function the way learners do.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from airoadmap.grading.api import CheckFailed, CheckSpec
from tests.content.inprocess import EXERCISES, exercise, failures, load_checks, run_checks

EXERCISE_ID = "m02-eda"
EXERCISE = EXERCISES / EXERCISE_ID
SUBMISSIONS = Path(__file__).parent / "submissions" / "m02_eda"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))

# Each wrong submission: the check (function name) that must fail it, and a phrase its
# message must contain (the mistake named).
WRONG = {
    "wrong_missing_fraction.py": ("missing_summary_counts", "a fraction"),
    "wrong_missing_keeps_complete.py": ("missing_summary_counts", "no missing value"),
    "wrong_missing_unsorted.py": ("missing_summary_counts", "most missing first"),
    "wrong_iqr_std_rule.py": ("iqr_outliers_fences", "the rule |x - mean| > k * std"),
    "wrong_iqr_inclusive.py": ("iqr_outliers_fences", "strictly outside"),
    "wrong_iqr_numpy_nan.py": ("iqr_outliers_fences", "quartiles came out NaN"),
    "wrong_cramers_yates.py": ("cramers_v_matches_scipy", "Yates"),
    "wrong_cramers_no_sqrt.py": ("cramers_v_matches_scipy", "square root"),
    "wrong_ttest_student.py": ("welch_test_matches_scipy", "Student's t-test"),
    "wrong_ttest_one_sided.py": ("welch_test_matches_scipy", "one-sided"),
    "wrong_ttest_group_order.py": ("welch_test_matches_scipy", "sorted order"),
    "wrong_mannwhitney_other_u.py": ("mannwhitney_matches_scipy", "U of group 1"),
    "wrong_no_group_count_check.py": ("two_group_test_rejects_bad_input", "three groups"),
    "wrong_disparity_difference.py": ("group_rates_and_disparity", "the difference"),
    "wrong_hist_bins_ignored.py": ("histogram_of_numeric", "pass bins to ax.hist"),
    "wrong_hist_same_figure.py": ("histogram_of_numeric", "same Figure twice"),
    "wrong_unlabeled_axes.py": ("histogram_of_numeric", "has no label"),
    "wrong_returns_axes.py": ("histogram_of_numeric", "returned an Axes"),
    "wrong_categories_include_missing.py": (
        "bars_of_categories",
        "drew a bar for the missing values",
    ),
    "wrong_categories_all.py": ("bars_of_categories", "most frequent"),
    "wrong_bool_as_numeric.py": ("bars_of_categories", "is_bool_dtype"),
    "wrong_missing_plot_counts.py": ("missing_plot", "the bars are counts"),
    "wrong_target_rate_counts.py": ("target_rate_plot", "the bars are counts"),
    "wrong_target_rate_no_line.py": ("target_rate_plot", "no horizontal reference line"),
    "wrong_scatter_separate_dropna.py": ("scatter_plot", "drop incomplete rows together"),
    "wrong_scatter_line.py": ("scatter_plot", "ax.plot joins the points"),
}

# Check -> the function it tests (a bug in a function may fail all of its checks).
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


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks(EXERCISE_ID)


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    ex = exercise(EXERCISE_ID)
    keys = {group.key for group in ex.hints}
    assert keys == HINTS
    assert all(len(group.tiers) == 3 for group in ex.hints)
    assert [spec.func.__name__ for spec in checks] == list(FUNCTION_CHECKS)
    assert {spec.hint for spec in checks} <= keys
    assert {name for name, _ in WRONG.values()} <= {spec.func.__name__ for spec in checks}
    assert ex.files == ["eda.py"]
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "eda.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, _ = run_checks(checks, EXERCISE / "solution" / "eda.py", "eda", tmp_path)
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    assert elapsed < 10.0, f"the checks took {elapsed:.1f} s on the solution"


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / "eda.py"
    assert starter.read_text(encoding="utf-8").count("    # TODO:") == 10
    results, _ = run_checks(checks, starter, "eda", tmp_path)
    kinds = {name: type(e).__name__ for name, e in results.items()}
    assert set(kinds.values()) == {"NotImplementedError"}, kinds


@pytest.mark.parametrize("source", CORRECT, ids=lambda p: p.stem)
def test_correct_alternative_passes(checks: list[CheckSpec], source: Path, tmp_path: Path) -> None:
    results, _ = run_checks(checks, source, "eda", tmp_path)
    assert failures(results) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(CORRECT) >= 2


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_submission_fails_naming_the_mistake(
    checks: list[CheckSpec], name: str, tmp_path: Path
) -> None:
    check_name, phrase = WRONG[name]
    results, _ = run_checks(checks, SUBMISSIONS / name, "eda", tmp_path)
    raised = results[check_name]
    assert isinstance(raised, CheckFailed), f"{check_name}: {raised!r}"
    assert phrase in str(raised), str(raised)
    # One bug fails the checks of its own function; every other check still passes.
    own = FUNCTION_CHECKS[check_name]
    others = {n: e for n, e in failures(results).items() if FUNCTION_CHECKS[n] != own}
    assert others == {}, others


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> object:
    from tests.content.submissions.m02_eda import reference

    return reference


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
