"""m05-pca: its checks pass every correct submission and fail each wrong one.

Held-back submissions live in submissions/m05_pca/: alt_*.py are correct in different ways
(eigh of the covariance, SVD with full matrices, np.cov with np.linalg.eig), wrong_*.py each
carry one bug.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.grading.api import CheckFailed, CheckSpec

from .inprocess import EXERCISES, exercise, failures, load_checks, load_module, run_checks

EXERCISE = EXERCISES / "m05-pca"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m05_pca"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))
MODULE = "pca"

# Each wrong submission, the check (function name) that must fail it, and a phrase its
# message must hold (the message names the mistake).
WRONG = {
    "wrong_unfitted_transform.py": ("init_and_unfitted", "call fit(X) first"),
    "wrong_fit_returns_none.py": ("fit_returns_self", "return self"),
    "wrong_n_components_unchecked.py": ("fit_returns_self", "raise ValueError"),
    "wrong_fit_mutates_input.py": ("fit_returns_self", "in-place"),
    "wrong_components_as_columns.py": ("components_match_sklearn", "one component per ROW"),
    "wrong_no_centering.py": ("centres_the_data", "not of the centred data"),
    "wrong_gram_matrix.py": ("components_match_sklearn", "X X^T"),
    "wrong_eigh_unsorted.py": ("components_match_sklearn", "SMALLEST variance first"),
    "wrong_variance_over_n.py": ("explained_variance", "divided by n = 50"),
    "wrong_singular_values_as_variance.py": ("explained_variance", "singular values"),
    "wrong_ratio_of_kept.py": ("explained_variance_ratio", "KEPT components only"),
    "wrong_transform_recentres.py": ("transform_matches_sklearn", "THEIR OWN mean"),
    "wrong_inverse_no_mean.py": ("inverse_transform_reconstructs", "add mean_ back"),
}


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks("m05-pca")


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    ex = exercise("m05-pca")
    keys = {group.key for group in ex.hints}
    assert all(len(group.tiers) == 3 for group in ex.hints)
    assert {spec.hint for spec in checks} == keys  # every group is used, none is missing
    assert {name for name, _ in WRONG.values()} <= {spec.func.__name__ for spec in checks}
    assert ex.files == ["pca.py"] and ex.month == 5
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "pca.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run_checks(checks, EXERCISE / "solution" / "pca.py", MODULE, tmp_path)
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    assert ctx.metrics["variance_kept_10"] == pytest.approx(0.7382, abs=1e-4)
    assert elapsed < 15.0, f"the checks took {elapsed:.1f} s on the solution"


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / "pca.py"
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
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> Any:
    return load_module(EXERCISE / "solution" / "pca.py", "m05_pca_solution").PCA  # type: ignore[attr-defined]


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
