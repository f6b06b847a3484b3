"""m04-metrics: every point of the brief, under every option it applies to, has a check that a
held-back wrong submission proves can fail.

tests/content/test_submissions.py runs every submission of tests/content/submissions/m04_metrics
against the check its docstring declares (and every alt_*.py against all checks). This file
holds what is specific to the metrics: the contract table and the reference solution beyond the
checks.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise

EXERCISE = "m04-metrics"
FOLDER = exercise_dir(EXERCISE)
SUBMISSIONS = Path(__file__).parent / "submissions" / "m04_metrics"


def exercise(exercise_id: str) -> Exercise:
    """The exercise's exercise.toml, validated."""
    return load_model(exercise_dir(exercise_id) / "exercise.toml", Exercise)


def load_module(path: Path, name: str) -> ModuleType:
    """Import the file at `path` as a module called `name` (registered, as Context.load does)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class Row(NamedTuple):
    """A point of the brief, the options it is checked under, the check, and the held-back
    wrong submission that breaks exactly that point (the check must FAIL it)."""

    point: str
    options: str
    check: str
    wrong: str


PRF = "precision_recall_match_sklearn"
KFOLD = "kfold_matches_sklearn"
CONTRACT = [
    Row("accuracy is the FRACTION of right predictions", "binary, 3 classes, strings",
        "accuracy_matches_sklearn", "wrong_accuracy_count"),
    Row("confusion_matrix: row = true label, column = predicted", "binary, imbalanced, 3 classes",
        "confusion_matrix_binary", "wrong_confusion_transposed"),
    Row("confusion_matrix: labels sorted", "3 classes", "confusion_matrix_binary",
        "wrong_confusion_unsorted"),
    Row("confusion_matrix: integer counts", "-", "confusion_matrix_binary",
        "wrong_confusion_float_counts"),
    Row("labels from y_true OR y_pred", "strings, a label only predicted",
        "confusion_matrix_labels", "wrong_confusion_true_labels_only"),
    Row("labels= gives the order of rows and columns", 'labels=["spam", "ham"]',
        "confusion_matrix_labels", "wrong_confusion_labels_ignored"),
    Row("labels= leaves out the samples of other labels", "a subset of the labels",
        "confusion_matrix_labels", "wrong_confusion_subset_kept"),
    Row("precision = TP / (TP + FP), recall = TP / (TP + FN)",
        "binary, imbalanced, pos_label 0, 3 classes pos_label 2", PRF,
        "wrong_precision_recall_swapped"),
    Row("pos_label is the positive class", "precision and recall, pos_label 0 and 2", PRF,
        "wrong_pos_label_ignored"),
    Row("pos_label is the positive class", "recall alone, pos_label 0 and 2", PRF,
        "wrong_recall_pos_label_ignored"),
    Row("pos_label defaults to 1", "precision, recall (and f1)", PRF,
        "wrong_default_pos_label_zero"),
    Row("F1 is the HARMONIC mean", "binary, imbalanced, 3 classes, strings",
        "f1_matches_sklearn", "wrong_f1_arithmetic_mean"),
    Row("pos_label is the positive class", "f1, pos_label 0 and 'spam'", "f1_matches_sklearn",
        "wrong_f1_pos_label_ignored"),
    Row("0 / 0 is 0.0, not an error", "nothing predicted / nothing true; precision, recall, f1",
        "zero_division", "wrong_zero_division_raises"),
    Row("0 / 0 is 0.0, not nan", "nothing predicted / nothing true; precision, recall, f1",
        "zero_division", "wrong_zero_division_nan"),
    Row("F1 is 0.0 when precision and recall are both 0", "every prediction wrong",
        "zero_division", "wrong_f1_guard_by_denominators"),
    Row("pos_label in neither array, two labels or more: ValueError",
        "strings, default pos_label; precision, recall, f1", "string_labels_and_pos_label",
        "wrong_missing_pos_label_silent"),
    Row("... whatever the type of the labels", "numbers, pos_label=5",
        "string_labels_and_pos_label", "wrong_pos_label_missing_strings_only"),
    Row("a single label is a valid question: 0.0 or 1.0", "[0, 0, 0] and [1, 1, 1]",
        "string_labels_and_pos_label", "wrong_single_class_raises"),
    Row("labels compared by position", "pandas Series with a shuffled index; all five functions",
        "inputs_of_any_kind", "wrong_series_by_index"),
    Row("different lengths raise ValueError", "accuracy, precision, recall, f1",
        "inputs_of_any_kind", "wrong_length_unchecked"),
    Row("different lengths raise ValueError", "confusion_matrix", "inputs_of_any_kind",
        "wrong_confusion_length_unchecked"),
    Row("folds differ in size by at most one, the larger first", "no shuffle: (11, 3), (23, 4)",
        KFOLD, "wrong_kfold_remainder_last"),
    Row("... with shuffling too", "(11, 3), shuffle=True", KFOLD,
        "wrong_kfold_shuffle_remainder_last"),
    Row("split i trains on every index not in fold i", "no shuffle and shuffle", KFOLD,
        "wrong_kfold_train_has_test"),
    Row("shuffle=True shuffles the indices first", "(20, 4)", KFOLD, "wrong_kfold_shuffle_ignored"),
    Row("the same random_state gives the same folds", "(20, 4), random_state=0", KFOLD,
        "wrong_kfold_not_reproducible"),
    Row("the folds come from default_rng(random_state)", "random_state 0 against 1", KFOLD,
        "wrong_kfold_seed_ignored"),
    Row("the defaults: n_splits=5, shuffle=False", "kfold(10)", KFOLD, "wrong_kfold_default_three"),
    Row("n_splits below 2 raises ValueError", "n_splits 1 and 0", KFOLD, "wrong_kfold_zero_splits"),
    Row("n_splits above n_samples raises ValueError", "kfold(3, 5)", KFOLD,
        "wrong_kfold_too_many_splits"),
    Row("any number of samples from 1", "accuracy of one label", "accuracy_matches_sklearn",
        "wrong_needs_two_samples"),
    Row("labels= may hold a single label", "labels=[1]", "confusion_matrix_labels",
        "wrong_confusion_single_label_rejected"),
    Row("n_splits=2 is valid", "kfold(5, 2), kfold(2, 2)", KFOLD, "wrong_kfold_three_minimum"),
    Row("Errors: empty labels", "all five functions", "invalid_input_raises",
        "wrong_empty_accepted"),
    Row("Errors: labels not 1-D", "y_true and y_pred a column (4, 1); all five functions",
        "invalid_input_raises", "wrong_column_broadcast"),
    Row("Errors: the lengths differ, said in the message", "all five functions",
        "invalid_input_raises", "wrong_length_by_numpy"),
    Row("Errors: labels= names a label twice", "labels=[0, 1, 0]", "invalid_input_raises",
        "wrong_labels_duplicates_accepted"),
    Row("Errors: labels= is empty", "labels=[]", "invalid_input_raises",
        "wrong_labels_empty_accepted"),
    Row("Errors: labels= is not 1-D", "labels=[[0, 1]]", "invalid_input_raises",
        "wrong_labels_nested_accepted"),
    Row("Errors: the message names the problem", "every case, pos_label and n_splits included",
        "invalid_input_raises", "wrong_vague_errors"),
    Row("plain Python and NumPy only", "import sklearn", "from_scratch", "wrong_sklearn_wrapper"),
    Row("plain Python and NumPy only", 'importlib.import_module("sklearn.metrics")',
        "from_scratch", "wrong_importlib_wrapper"),
    Row("plain Python and NumPy only", "import pandas (crosstab)", "from_scratch",
        "wrong_pandas_crosstab"),
]


def _check_names() -> set[str]:
    """The check functions of checks.py, and the import fence's pseudo-check."""
    tree = ast.parse((FOLDER / "checks.py").read_text(encoding="utf-8"))
    names = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(d, ast.Call) and getattr(d.func, "id", "") == "check"
            for d in node.decorator_list
        )
    }
    return names | {"from_scratch"}


def test_the_contract_table_covers_every_check_and_every_wrong_submission() -> None:
    assert {row.check for row in CONTRACT} == _check_names()
    wrong = {p.stem for p in SUBMISSIONS.glob("wrong_*.py")}
    assert {row.wrong for row in CONTRACT} == wrong
    assert len(CONTRACT) == len(set(CONTRACT))


@pytest.mark.parametrize("row", CONTRACT, ids=lambda r: f"{r.check}-{r.wrong}")
def test_each_point_of_the_brief_fails_its_wrong_submission(row: Row) -> None:
    files = {"metrics.py": SUBMISSIONS / f"{row.wrong}.py"}
    result = run_inprocess(EXERCISE, files, only=[row.check])
    check = result.checks[row.check]
    assert check.outcome == "FAIL", f"{row.point} ({row.options}): {check.outcome} {check.message}"


def test_checks_are_registered_with_known_hints() -> None:
    ex = exercise(EXERCISE)
    keys = {group.key for group in ex.hints}
    assert all(len(group.tiers) == 3 for group in ex.hints)
    text = (FOLDER / "checks.py").read_text(encoding="utf-8")
    used = {line.split('hint="')[1].split('"')[0] for line in text.splitlines() if 'hint="' in line}
    assert used <= keys and keys - used == {"general"}  # every group is used
    assert ex.files == ["metrics.py"] and ex.month == 4
    assert ex.forbidden_imports and "sklearn" in ex.forbidden_imports


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
