"""m05-pca: every point of the brief, under every option it applies to, has a check that a
held-back wrong submission proves can fail.

tests/content/test_submissions.py runs every submission of tests/content/submissions/m05_pca
against the check its docstring declares (and every alt_*.py against all checks). This file
holds what is specific to PCA: the contract table and the reference solution beyond the checks.
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

EXERCISE = "m05-pca"
FOLDER = exercise_dir(EXERCISE)
SUBMISSIONS = Path(__file__).parent / "submissions" / "m05_pca"


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


TALL_WIDE = "tall 60 x 5 and wide 20 x 50"
CONTRACT = [
    Row("__init__ stores n_components under its name", "n_components=3", "init_and_unfitted",
        "wrong_init_renames_argument"),
    Row("n_components defaults to None", "PCA()", "init_and_unfitted", "wrong_default_two"),
    Row("learned attributes exist only after fit", "all five", "init_and_unfitted",
        "wrong_fitted_attributes_in_init"),
    Row("transform before fit says to call fit", "-", "init_and_unfitted",
        "wrong_unfitted_transform"),
    Row("fit returns self", "-", "fit_returns_self", "wrong_fit_returns_none"),
    Row("fit leaves the caller's X unchanged", "every fit of every check", "fit_returns_self",
        "wrong_fit_mutates_input"),
    Row("None keeps min(n_samples, n_features) components", TALL_WIDE, "fit_returns_self",
        "wrong_none_keeps_n_features"),
    Row("n_components above min(n_samples, n_features) raises ValueError",
        "wide 20 x 50, n_components=21", "fit_returns_self",
        "wrong_n_components_vs_features_only"),
    Row("n_components 0 or above n_features raises ValueError", "tall 60 x 5: 0 and 6",
        "fit_returns_self", "wrong_n_components_unchecked"),
    Row("n_components must be an int", "1.5", "fit_returns_self",
        "wrong_n_components_float_accepted"),
    Row("singular_values_ has one entry per kept component", "n_components 3 and None",
        "fit_returns_self", "wrong_singular_values_not_truncated"),
    Row("mean_ is the training mean of each feature", "-", "centres_the_data",
        "wrong_mean_of_centred"),
    Row("the data are centred before the SVD", "means near 50", "centres_the_data",
        "wrong_no_centering"),
    Row("components_: one axis per ROW", "tall, square, wide; int and None",
        "components_match_sklearn", "wrong_components_as_columns"),
    Row("axes of X_c^T X_c (not X_c X_c^T)", "square and wide", "components_match_sklearn",
        "wrong_gram_matrix"),
    Row("axes sorted by decreasing variance", "tall, square, wide; int and None",
        "components_match_sklearn", "wrong_eigh_unsorted"),
    Row("each axis keeps its own variance when sorting", "int and None",
        "components_match_sklearn", "wrong_eigh_values_sorted_only"),
    Row("axes are unit vectors", "tall, square, wide", "components_match_sklearn",
        "wrong_components_scaled"),
    Row("explained_variance_ divides by n - 1", "3 of 5 and all of 8", "explained_variance",
        "wrong_variance_over_n"),
    Row("explained_variance_ is S**2 / (n - 1), not S", "3 of 5 and all of 8",
        "explained_variance", "wrong_singular_values_as_variance"),
    Row("explained_variance_ is the variance along the axes (its own components_)",
        "3 of 5 and all of 8", "explained_variance", "wrong_variance_of_features"),
    Row("explained_variance_ratio_ divides by the TOTAL variance", "2 of 6; all of 6, all of 15 "
        "x 40", "explained_variance_ratio", "wrong_ratio_of_kept"),
    Row("... the total with the same n - 1", "2 of 6 and 4 of 15 x 40",
        "explained_variance_ratio", "wrong_ratio_total_over_n"),
    Row("singular_values_ are S of the centred data", "3 of 6, all of 10 x 25",
        "singular_values", "wrong_singular_values_squared"),
    Row("transform subtracts the TRAINING mean", "new data of another mean",
        "transform_matches_sklearn", "wrong_transform_recentres"),
    Row("transform is (X - mean_) @ components_.T", "new data", "transform_matches_sklearn",
        "wrong_transform_no_centering"),
    Row("transform does not whiten", "new data", "transform_matches_sklearn",
        "wrong_transform_whitened"),
    Row("fit_transform(X) is fit(X).transform(X)", "training data", "transform_matches_sklearn",
        "wrong_fit_transform_unflipped_u"),
    Row("inverse_transform adds mean_ back", "all components and 2 of 6; arbitrary Z",
        "inverse_transform_reconstructs", "wrong_inverse_no_mean"),
    Row("10 of 64 components keep the digits' variance (the bar)", "digits",
        "digits_compression", "wrong_ratio_of_kept"),
    Row("n_components may be 1", "60 x 5", "fit_returns_self", "wrong_n_components_one_rejected"),
    Row("n_components may be min(n_samples, n_features)", "60 x 5 and 20 x 50",
        "fit_returns_self", "wrong_n_components_strict_max"),
    Row("2 samples are enough", "2 x 3", "fit_returns_self", "wrong_three_samples_minimum"),
    Row("1 feature is enough", "60 x 1", "fit_returns_self", "wrong_squeeze_single_feature"),
    Row("the ratio for data of any scale", "total variance 3e-4", "explained_variance_ratio",
        "wrong_ratio_guard_total_above_one"),
    Row("Errors: X has a single sample", "fit and fit_transform on 1 x 4", "invalid_input_raises",
        "wrong_single_sample_accepted"),
    Row("Errors: X holds NaN or infinity", "fit and fit_transform: a NaN, an infinity",
        "invalid_input_raises", "wrong_nan_accepted"),
    Row("Errors: X is 2-D", "fit and fit_transform on 1-D X", "invalid_input_raises",
        "wrong_1d_accepted"),
    Row("Errors: X has no row or no column", "fit and fit_transform on 20 x 0",
        "invalid_input_raises", "wrong_no_column_accepted"),
    Row("Errors: transform on X of another number of features", "3 features for 4",
        "invalid_input_raises", "wrong_transform_width_unchecked"),
    Row("Errors: transform on X with NaN (or not 2-D)", "a NaN; a 1-D sample",
        "invalid_input_raises", "wrong_transform_nan_accepted"),
    Row("Errors: inverse_transform on Z of another number of columns (or not 2-D)",
        "3 columns for 2 components; 1-D Z", "invalid_input_raises",
        "wrong_inverse_width_unchecked"),
    Row("Errors: the message names the problem", "n_components 0 and 5; every case above",
        "invalid_input_raises", "wrong_vague_errors"),
    Row("constant data: the ratios are 0.0, not nan", "10 x 3 of 7.0; None and 2 components",
        "explained_variance_ratio", "wrong_ratio_constant_nan"),
    Row("NumPy only", "import sklearn", "from_scratch", "wrong_sklearn_wrapper"),
    Row("NumPy only", 'importlib.import_module("sklearn.decomposition")', "from_scratch",
        "wrong_importlib_wrapper"),
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
    files = {"pca.py": SUBMISSIONS / f"{row.wrong}.py"}
    result = run_inprocess(EXERCISE, files, only=[row.check])
    check = result.checks[row.check]
    assert check.outcome == "FAIL", f"{row.point} ({row.options}): {check.outcome} {check.message}"


def test_checks_are_registered_with_known_hints() -> None:
    ex = exercise(EXERCISE)
    assert all(len(group.tiers) == 3 for group in ex.hints)
    text = (FOLDER / "checks.py").read_text(encoding="utf-8")
    used = {line.split('hint="')[1].split('"')[0] for line in text.splitlines() if 'hint="' in line}
    assert used == {group.key for group in ex.hints}  # every group is used, none is missing
    assert ex.files == ["pca.py"] and ex.month == 5
    assert ex.forbidden_imports and "sklearn" in ex.forbidden_imports


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> Any:
    return load_module(FOLDER / "solution" / "pca.py", "m05_pca_solution").PCA  # type: ignore[attr-defined]


def test_solution_equals_sklearn_signs_included(solution: Any) -> None:
    """The same sign convention as scikit-learn: results are equal, not only up to sign."""
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(0)
    for shape, k in (((120, 7), 4), ((15, 40), None), ((60, 60), 10)):
        X = rng.normal(size=shape) @ rng.normal(size=(shape[1], shape[1])) + 3.0
        ours = solution(n_components=k).fit(X)
        ref = PCA(n_components=k, svd_solver="full").fit(X)
        np.testing.assert_allclose(ours.components_, ref.components_, atol=1e-10)
        np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_, rtol=1e-10)
        np.testing.assert_allclose(ours.singular_values_, ref.singular_values_, rtol=1e-10)
        np.testing.assert_allclose(solution(k).fit_transform(X), ref.transform(X), atol=1e-9)


def test_solution_keeps_small_variances_that_the_covariance_loses(solution: Any) -> None:
    """The SVD works on X itself: a direction of variance 1e-16 relative is still found."""
    rng = np.random.default_rng(1)
    X = np.column_stack([rng.normal(size=200), 1e-8 * rng.normal(size=200)]) @ [[1, 1], [-1, 1]]
    variance = solution().fit(X).explained_variance_
    on_axes = X @ np.array([[1.0, 1.0], [-1.0, 1.0]]).T / np.sqrt(2.0)  # the true axes
    expected = np.var(on_axes, axis=0, ddof=1)
    assert variance[1] == pytest.approx(expected[1], rel=1e-6)
    cov = np.cov(X, rowvar=False)  # what eigh of the covariance would see
    assert abs(np.linalg.eigvalsh(cov)[0] - expected[1]) > 1e-3 * expected[1]


def test_solution_on_constant_data_and_errors(solution: Any) -> None:
    constant = solution().fit(np.ones((5, 3)))
    np.testing.assert_array_equal(constant.explained_variance_ratio_, np.zeros(3))
    X = np.arange(12.0).reshape(4, 3)
    with pytest.raises(ValueError, match="call fit"):
        solution(2).transform(X)
    with pytest.raises(ValueError, match="from 1 to min"):
        solution(4).fit(X)
    with pytest.raises(ValueError, match="from 1 to min"):
        solution(1.5).fit(X)
    with pytest.raises(ValueError, match="at least 2"):
        solution().fit(X[:1])
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        solution().fit(np.arange(3.0))
    fitted = solution(2).fit(X)
    with pytest.raises(ValueError, match="expects 3"):
        fitted.transform(np.ones((2, 4)))
    with pytest.raises(ValueError, match="expects 2"):
        fitted.inverse_transform(np.ones((2, 3)))
