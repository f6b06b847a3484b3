"""m03-linreg: its checks pass every correct submission and fail each wrong one.

The checks run in-process here (the sandboxed grader runs them out of process): each
submission is copied as linreg.py into a temporary working copy, and every registered check
is called with a Context on it. Held-back submissions live in submissions/m03_linreg/:
alt_*.py are correct in different ways, wrong_*.py each carry one bug.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import time
import tomllib
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

import airoadmap
from airoadmap.curriculum.models import Exercise
from airoadmap.grading import api
from airoadmap.grading.api import CheckFailed, CheckSpec, Context

EXERCISE = Path(airoadmap.__file__).parent / "content" / "exercises" / "m03-linreg"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m03_linreg"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))

# Each wrong submission, and the check (function name) that must fail it.
WRONG = {
    "wrong_no_intercept.py": "intercept_fitted",
    "wrong_gradient_sign.py": "gd_converges",
    "wrong_gradient_unaveraged.py": "gd_converges",
    "wrong_alpha_ignored.py": "ridge_matches_sklearn",
    "wrong_alpha_on_intercept.py": "ridge_matches_sklearn",
    "wrong_gd_penalty_not_averaged.py": "gd_ridge",
    "wrong_fit_returns_none.py": "fit_returns_self",
    "wrong_fit_mutates_input.py": "normal_matches_sklearn",
    "wrong_predict_training_only.py": "predict_on_new_data",
    "wrong_score_mse.py": "score_is_r2",
    "wrong_sgd_not_reproducible.py": "sgd_converges",
    "wrong_unfitted_predict.py": "init_and_unfitted",
    "wrong_unknown_method_accepted.py": "unknown_method",
}

Results = dict[str, BaseException | None]


def load_checks_module() -> ModuleType:
    """Import checks.py the way the grader does (its @check calls fill the registry)."""
    spec = importlib.util.spec_from_file_location("m03_linreg_checks", EXERCISE / "checks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_checks() -> list[CheckSpec]:
    """The registered checks of checks.py, in order."""
    api.REGISTRY.clear()
    load_checks_module()
    checks = list(api.REGISTRY)
    api.REGISTRY.clear()
    return checks


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks()


def run_checks(checks: list[CheckSpec], source: Path, tmp_path: Path) -> tuple[Results, Context]:
    """Run every check on `source` (as linreg.py): check name -> None (pass) or what it raised."""
    workdir = tmp_path / "work"
    workdir.mkdir(parents=True)
    shutil.copy(source, workdir / "linreg.py")
    ctx = Context(workdir=workdir)
    results: Results = {}
    try:
        for spec in checks:
            try:
                spec.func(ctx)
            except Exception as exc:
                results[spec.func.__name__] = exc
            else:
                results[spec.func.__name__] = None
    finally:
        sys.modules.pop("linreg", None)
    return results, ctx


def _failures(results: Results) -> dict[str, str]:
    return {name: f"{type(e).__name__}: {e}" for name, e in results.items() if e is not None}


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    exercise = Exercise.model_validate(tomllib.loads((EXERCISE / "exercise.toml").read_text()))
    keys = {group.key for group in exercise.hints}
    assert {
        "general",
        "api",
        "closed_form",
        "intercept",
        "ridge",
        "gradient_descent",
        "sgd",
    } <= keys
    assert all(len(group.tiers) == 3 for group in exercise.hints)
    assert len(checks) == 12
    assert {spec.hint for spec in checks} <= keys
    assert set(WRONG.values()) <= {spec.func.__name__ for spec in checks}
    assert exercise.files == ["linreg.py"]
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "linreg.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run_checks(checks, EXERCISE / "solution" / "linreg.py", tmp_path)
    elapsed = time.perf_counter() - start
    assert _failures(results) == {}
    assert ctx.metrics["r2_holdout"] == pytest.approx(0.9049, abs=1e-4)
    assert elapsed < 15.0, f"the checks took {elapsed:.1f} s on the solution"


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / "linreg.py"
    assert "# TODO:" in starter.read_text()
    results, _ = run_checks(checks, starter, tmp_path)
    not_attempted = {n: type(e).__name__ for n, e in results.items()}
    assert set(not_attempted.values()) == {"NotImplementedError"}, not_attempted


@pytest.mark.parametrize("source", CORRECT, ids=lambda p: p.stem)
def test_correct_alternative_passes(checks: list[CheckSpec], source: Path, tmp_path: Path) -> None:
    results, _ = run_checks(checks, source, tmp_path)
    assert _failures(results) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(CORRECT) >= 3


@pytest.mark.parametrize(("name", "check_name"), sorted(WRONG.items()))
def test_wrong_submission_fails_its_check(
    checks: list[CheckSpec], name: str, check_name: str, tmp_path: Path
) -> None:
    results, _ = run_checks(checks, SUBMISSIONS / name, tmp_path)
    raised = results[check_name]
    assert isinstance(raised, CheckFailed), f"{check_name}: {raised!r}"
    assert str(raised), "a failure must say what is wrong"
    # A bug reads as a wrong answer (FAIL) or a crash (ERROR), never as "not attempted".
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


def test_messages_name_the_mistake(checks: list[CheckSpec], tmp_path: Path) -> None:
    expected = {
        "wrong_no_intercept.py": ("intercept_fitted", "column of ones"),
        "wrong_alpha_ignored.py": ("ridge_matches_sklearn", "alpha ignored"),
        "wrong_alpha_on_intercept.py": ("ridge_matches_sklearn", "applied to the intercept"),
        "wrong_gd_penalty_not_averaged.py": ("gd_ridge", "divide the penalty's gradient by n"),
        "wrong_fit_returns_none.py": ("fit_returns_self", "return self"),
        "wrong_fit_mutates_input.py": ("normal_matches_sklearn", "in-place"),
        "wrong_predict_training_only.py": ("predict_on_new_data", "training predictions"),
        "wrong_score_mse.py": ("score_is_r2", "mean squared error"),
        "wrong_gradient_sign.py": ("gd_converges", "diverged"),
    }
    for i, (name, (check_name, phrase)) in enumerate(expected.items()):
        results, _ = run_checks(checks, SUBMISSIONS / name, tmp_path / str(i))
        assert phrase in str(results[check_name]), (name, str(results[check_name]))


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> type:
    spec = importlib.util.spec_from_file_location(
        "m03_linreg_solution", EXERCISE / "solution" / "linreg.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.LinearRegression  # type: ignore[no-any-return]


def test_solution_handles_redundant_features_as_sklearn(solution: type) -> None:
    from sklearn.linear_model import LinearRegression, Ridge

    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3)) + 5.0
    X = np.column_stack([X, X[:, 0] - 2.0 * X[:, 1]])  # exactly redundant: rank 3 of 4
    y = X[:, :3] @ [1.0, 2.0, -1.0] + 4.0 + rng.normal(size=50)
    ours = solution().fit(X, y)
    ref = LinearRegression().fit(X, y)  # minimum-norm least squares
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-8)
    ridge = solution(alpha=1e-12).fit(X, y)
    np.testing.assert_allclose(ridge.predict(X), Ridge(alpha=1e-12).fit(X, y).predict(X), rtol=1e-6)


def test_solution_errors_say_what_to_do(solution: type) -> None:
    X = np.ones((4, 2))
    y = np.arange(4.0)
    with pytest.raises(ValueError, match="call fit"):
        solution().predict(X)
    with pytest.raises(ValueError, match="method must be one of"):
        solution(method="newton").fit(X, y)
    with pytest.raises(ValueError, match=r"reshape\(-1, 1\)"):
        solution().fit(np.arange(4.0), y)
    with pytest.raises(ValueError, match="NaN"):
        solution().fit(np.array([[1.0], [np.nan]]), [1.0, 2.0])
    with pytest.raises(ValueError, match="4 rows but y has 3"):
        solution().fit(X, y[:3])
    with pytest.raises(ValueError, match="fitted with 2"):
        solution().fit(X, y).predict(np.ones((2, 3)))
    with pytest.raises(FloatingPointError, match="lower learning_rate"):
        rng = np.random.default_rng(0)
        solution(method="gd", learning_rate=50.0).fit(rng.normal(size=(30, 2)), rng.normal(size=30))


def test_solution_descent_matches_closed_form_on_raw_features(solution: type) -> None:
    """Internal standardisation: GD converges on features of very different scales."""
    rng = np.random.default_rng(1)
    scales = np.array([1.0, 100.0, 0.01])
    for alpha, fit_intercept in ((0.0, True), (5.0, True), (5.0, False)):
        offsets = np.array([10.0, -500.0, 0.0]) if fit_intercept else np.zeros(3)
        X = rng.normal(size=(200, 3)) * scales + offsets
        y = X @ [1.0, 0.02, 50.0] + 7.0 * fit_intercept + 0.1 * rng.normal(size=200)
        exact = solution(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
        gd = solution(
            method="gd", learning_rate=0.3, n_iters=3000, alpha=alpha, fit_intercept=fit_intercept
        ).fit(X, y)
        np.testing.assert_allclose(gd.coef_, exact.coef_, rtol=1e-6)
        np.testing.assert_allclose(gd.intercept_, exact.intercept_, rtol=1e-6, atol=1e-9)
        assert gd.loss_history_[-1] <= gd.loss_history_[0]
    assert solution().fit(X, y).loss_history_ == []


def test_solution_score_of_constant_target(solution: type) -> None:
    X = np.arange(6.0).reshape(-1, 1)
    model = solution().fit(X, np.full(6, 3.0))
    assert model.score(X, np.full(6, 3.0)) == 1.0
    assert solution().fit(X, np.arange(6.0)).score(X, np.full(6, 3.0)) == 0.0


@pytest.mark.parametrize(
    ("alpha", "fit_intercept"), [(0.0, True), (0.0, False), (10.0, True), (3.0, False)]
)
def test_checks_reference_equals_sklearn(alpha: float, fit_intercept: bool) -> None:
    """The checks' own least-squares reference is scikit-learn's fit of the same objective."""
    from sklearn.linear_model import LinearRegression, Ridge

    api.REGISTRY.clear()
    checks = load_checks_module()
    api.REGISTRY.clear()
    rng = np.random.default_rng(7)
    X = rng.normal(3.0, 2.0, size=(200, 6))
    y = X @ rng.normal(size=6) + 5.0 + rng.normal(size=200)
    ref = checks._reference(X, y, alpha=alpha, fit_intercept=fit_intercept)
    sk = (
        Ridge(alpha=alpha, fit_intercept=fit_intercept)
        if alpha
        else LinearRegression(fit_intercept=fit_intercept)
    ).fit(X, y)
    np.testing.assert_allclose(ref.coef_, sk.coef_, rtol=1e-10)
    assert ref.intercept_ == pytest.approx(float(sk.intercept_), rel=1e-10, abs=1e-12)
