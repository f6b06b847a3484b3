"""m05-pca: what is specific to PCA.

The contract table (submissions/m05_pca/contract.toml) runs in tests/content/test_contracts.py,
every held-back submission in tests/content/test_submissions.py. Here: the reference solution
beyond the checks.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from airoadmap.curriculum.loader import exercise_dir
from tests.content.contracts import exercise, load_module

EXERCISE = "m05-pca"
FOLDER = exercise_dir(EXERCISE)


def test_exercise_settings() -> None:
    ex = exercise(EXERCISE)
    assert ex.files == ["pca.py"] and ex.month == 5
    assert "sklearn" in ex.forbidden_imports


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
