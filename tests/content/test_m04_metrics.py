"""m04-metrics: what is specific to the metrics.

The contract table (submissions/m04_metrics/contract.toml) runs in tests/content/test_contracts.py,
every held-back submission in tests/content/test_submissions.py. Here: the reference solution
beyond the checks.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from airoadmap.curriculum.loader import exercise_dir
from tests.content.contracts import exercise, load_module

EXERCISE = "m04-metrics"
FOLDER = exercise_dir(EXERCISE)


def test_exercise_settings() -> None:
    ex = exercise(EXERCISE)
    assert ex.files == ["metrics.py"] and ex.month == 4
    assert "sklearn" in ex.forbidden_imports


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> Any:
    return load_module(FOLDER / "solution" / "metrics.py", "m04_metrics_solution")


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
