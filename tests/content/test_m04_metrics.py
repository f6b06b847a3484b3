"""m04-metrics: its checks pass every correct submission and fail each wrong one.

Held-back submissions live in submissions/m04_metrics/: alt_*.py are correct in different ways
(loops, one-hot products, Counter), wrong_*.py each carry one bug.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.grading.api import CheckFailed, CheckSpec

from .inprocess import EXERCISES, exercise, failures, load_checks, load_module, run_checks

EXERCISE = EXERCISES / "m04-metrics"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m04_metrics"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))
MODULE = "metrics"

# Each wrong submission, the check (function name) that must fail it, and a phrase its
# message must hold (the message names the mistake).
WRONG = {
    "wrong_accuracy_count.py": ("accuracy_matches_sklearn", "NUMBER of right predictions"),
    "wrong_confusion_transposed.py": ("confusion_matrix_binary", "transposed"),
    "wrong_confusion_unsorted.py": ("confusion_matrix_binary", "order they first appear"),
    "wrong_confusion_true_labels_only.py": ("confusion_matrix_labels", "only the labels of y_true"),
    "wrong_confusion_labels_ignored.py": ("confusion_matrix_labels", "follow the order of"),
    "wrong_precision_recall_swapped.py": ("precision_recall_match_sklearn", "swapped"),
    "wrong_pos_label_ignored.py": ("precision_recall_match_sklearn", "not 1"),
    "wrong_f1_arithmetic_mean.py": ("f1_matches_sklearn", "HARMONIC"),
    "wrong_zero_division_raises.py": ("zero_division", "ZeroDivisionError"),
    "wrong_zero_division_nan.py": ("zero_division", "returned nan"),
    "wrong_missing_pos_label_silent.py": ("string_labels_and_pos_label", "silent 0.0"),
    "wrong_single_class_raises.py": ("string_labels_and_pos_label", "single label"),
    "wrong_series_by_index.py": ("inputs_of_any_kind", "np.asarray"),
    "wrong_length_unchecked.py": ("inputs_of_any_kind", "lengths differ"),
    "wrong_kfold_remainder_last.py": ("kfold_matches_sklearn", "one index more"),
    "wrong_kfold_train_has_test.py": ("kfold_matches_sklearn", "not in the test fold"),
    "wrong_kfold_shuffle_ignored.py": ("kfold_matches_sklearn", "shuffle the indices"),
    "wrong_kfold_not_reproducible.py": ("kfold_matches_sklearn", "different folds"),
}


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks("m04-metrics")


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    ex = exercise("m04-metrics")
    keys = {group.key for group in ex.hints}
    assert "general" in keys
    assert all(len(group.tiers) == 3 for group in ex.hints)
    assert {spec.hint for spec in checks} <= keys
    assert keys - {spec.hint for spec in checks} == {"general"}  # every group is used
    assert {name for name, _ in WRONG.values()} <= {spec.func.__name__ for spec in checks}
    assert ex.files == ["metrics.py"] and ex.month == 4
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "metrics.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, _ = run_checks(checks, EXERCISE / "solution" / "metrics.py", MODULE, tmp_path)
    assert failures(results) == {}
    assert time.perf_counter() - start < 10.0


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / "metrics.py"
    assert "# TODO:" in starter.read_text()
    results, _ = run_checks(checks, starter, MODULE, tmp_path)
    kinds = {n: type(e).__name__ for n, e in results.items()}
    assert set(kinds.values()) == {"NotImplementedError"}, kinds


def test_there_are_correct_alternatives() -> None:
    assert len(CORRECT) >= 3


@pytest.mark.parametrize("source", CORRECT, ids=lambda p: p.stem)
def test_correct_alternative_passes(checks: list[CheckSpec], source: Path, tmp_path: Path) -> None:
    results, _ = run_checks(checks, source, MODULE, tmp_path)
    assert failures(results) == {}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_submission_fails_its_check(
    checks: list[CheckSpec], name: str, tmp_path: Path
) -> None:
    check_name, phrase = WRONG[name]
    results, _ = run_checks(checks, SUBMISSIONS / name, MODULE, tmp_path)
    raised = results[check_name]
    assert isinstance(raised, CheckFailed), f"{check_name}: {raised!r}"
    assert phrase in str(raised), str(raised)
    # A bug reads as a wrong answer (FAIL) or a crash (ERROR), never as "not attempted".
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> Any:
    return load_module(EXERCISE / "solution" / "metrics.py", "m04_metrics_solution")


def test_solution_matches_sklearn_on_random_labels(solution: Any) -> None:
    import warnings

    from sklearn import metrics as sk

    rng = np.random.default_rng(0)
    for _ in range(200):
        n, k = int(rng.integers(1, 40)), int(rng.integers(1, 5))
        t, p = rng.integers(0, k, n), rng.integers(0, k + 1, n)
        pos = int(rng.integers(0, k + 1))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert solution.accuracy(t, p) == sk.accuracy_score(t, p)
            np.testing.assert_array_equal(
                solution.confusion_matrix(t, p), sk.confusion_matrix(t, p)
            )
            for ours, ref in (
                (solution.precision, sk.precision_score),
                (solution.recall, sk.recall_score),
                (solution.f1, sk.f1_score),
            ):
                expected = ref(t, p, labels=[pos], average=None, zero_division=0)[0]
                if pos in t or pos in p or len(set(t) | set(p)) < 2:
                    assert ours(t, p, pos_label=pos) == pytest.approx(expected, abs=1e-12)
                else:
                    with pytest.raises(ValueError, match="not one of the labels"):
                        ours(t, p, pos_label=pos)


def test_solution_errors_say_what_to_do(solution: Any) -> None:
    with pytest.raises(ValueError, match="3 labels but y_pred has 2"):
        solution.accuracy([1, 0, 1], [1, 0])
    with pytest.raises(ValueError, match="empty"):
        solution.recall([], [])
    with pytest.raises(ValueError, match="1-D"):
        solution.f1([[1, 0]], [[1, 0]])
    with pytest.raises(ValueError, match=r"pos_label='spam'"):
        solution.precision(["ham", "spam"], ["spam", "ham"])
    with pytest.raises(ValueError, match="duplicates"):
        solution.confusion_matrix([1, 0], [1, 0], labels=[0, 1, 0])
    with pytest.raises(ValueError, match="at least 2"):
        solution.kfold(10, 1)
    assert solution.confusion_matrix([0, 1], [0, 1], labels=[5]).tolist() == [[0]]
