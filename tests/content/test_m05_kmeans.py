"""m05-kmeans: its checks pass every correct submission and fail each wrong one.

Held-back submissions live in submissions/m05_kmeans/: alt_*.py are correct in different ways
(plain k-means++ with broadcasting and a loop over clusters, scipy's cdist with a one-hot
product and spawned generators, np.add.at with a strict-convergence stop), wrong_*.py each
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

EXERCISE = EXERCISES / "m05-kmeans"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m05_kmeans"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))
MODULE = "kmeans"

# Each wrong submission, the check (function name) that must fail it, and a phrase its
# message must hold (the message names the mistake).
WRONG = {
    "wrong_unfitted_predict.py": ("init_and_unfitted", "call fit(X) first"),
    "wrong_fit_returns_none.py": ("fit_returns_self", "return self"),
    "wrong_max_iter_off_by_one.py": ("lloyd_matches_sklearn", "did not move"),
    "wrong_init_array_ignored.py": ("lloyd_matches_sklearn", "array of initial centers"),
    "wrong_labels_stale.py": ("labels_and_inertia_consistent", "assign the samples again"),
    "wrong_inertia_unsquared.py": ("labels_and_inertia_consistent", "SQUARED"),
    "wrong_predict_returns_labels.py": ("labels_and_inertia_consistent", "not return labels_"),
    "wrong_empty_cluster_nan.py": ("empty_cluster", "NaN"),
    "wrong_empty_cluster_kept.py": ("empty_cluster", "stayed empty"),
    "wrong_tol_absolute.py": ("tol_is_relative", "np.var"),
    "wrong_random_init.py": ("kmeanspp_seeding", "D(x)^2"),
    "wrong_n_init_ignored.py": ("n_init_best_of_runs", "is n_init ignored"),
    "wrong_n_init_keeps_last.py": ("n_init_best_of_runs", "LOWEST inertia"),
    "wrong_not_reproducible.py": ("reproducible", "default_rng(self.random_state)"),
}


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks("m05-kmeans")


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    ex = exercise("m05-kmeans")
    keys = {group.key for group in ex.hints}
    assert all(len(group.tiers) == 3 for group in ex.hints)
    assert {spec.hint for spec in checks} == keys  # every group is used, none is missing
    assert {name for name, _ in WRONG.values()} <= {spec.func.__name__ for spec in checks}
    assert ex.files == ["kmeans.py"] and ex.month == 5
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "kmeans.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run_checks(checks, EXERCISE / "solution" / "kmeans.py", MODULE, tmp_path)
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    assert ctx.metrics["inertia_ratio_worst"] <= 1.0 + 1e-9
    assert ctx.metrics["kmeanspp_hits_of_10"] == 10
    assert ctx.metrics["random_hits_of_10"] <= 2
    assert elapsed < 20.0, f"the checks took {elapsed:.1f} s on the solution"


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / "kmeans.py"
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
    return load_module(EXERCISE / "solution" / "kmeans.py", "m05_kmeans_solution").KMeans  # type: ignore[attr-defined]


def test_solution_equals_sklearn_from_the_same_start_far_from_the_origin(solution: Any) -> None:
    """The data are centred inside fit: the distance expansion keeps its digits at 1e6."""
    from sklearn.cluster import KMeans

    rng = np.random.default_rng(3)
    X = rng.normal(size=(500, 4)) + rng.choice([0.0, 6.0], size=(500, 4)) + 1e6
    init = X[:5].copy()
    ours = solution(n_clusters=5, init=init).fit(X)
    ref = KMeans(n_clusters=5, init=init, n_init=1, algorithm="lloyd").fit(X)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=1e-12)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    assert ours.inertia_ == pytest.approx(ref.inertia_, rel=1e-9)
    assert ours.n_iter_ == ref.n_iter_


def test_solution_relocates_several_empty_clusters(solution: Any) -> None:
    X = np.vstack([np.zeros((5, 2)), np.ones((5, 2)) * 10.0, [[20.0, 0.0], [0.0, 20.0]]])
    init = np.array([[0.0, 0.0], [10.0, 10.0], [500.0, 500.0], [-500.0, 500.0]])
    model = solution(n_clusters=4, init=init).fit(X)
    assert np.isfinite(model.cluster_centers_).all()
    assert sorted(np.bincount(model.labels_, minlength=4).tolist()) == [1, 1, 5, 5]
    assert model.inertia_ == pytest.approx(0.0, abs=1e-9)


def test_solution_errors_say_what_to_do(solution: Any) -> None:
    X = np.arange(12.0).reshape(6, 2)
    with pytest.raises(ValueError, match="call fit"):
        solution(2).predict(X)
    with pytest.raises(ValueError, match="n_samples=6 should be >= n_clusters=7"):
        solution(7).fit(X)
    with pytest.raises(ValueError, match="init must be one of"):
        solution(2, init="kmeans").fit(X)
    with pytest.raises(ValueError, match=r"expected \(n_clusters, n_features\) = \(2, 2\)"):
        solution(2, init=np.zeros((3, 2))).fit(X)
    with pytest.raises(ValueError, match=r"reshape\(-1, 1\)"):
        solution(2).fit(np.arange(6.0))
    with pytest.raises(ValueError, match="NaN"):
        solution(2).fit(np.array([[1.0], [np.nan], [2.0]]))
    with pytest.raises(ValueError, match="fitted with 2"):
        solution(2, random_state=0).fit(X).predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match="n_init must be a positive integer"):
        solution(2, n_init=0).fit(X)
