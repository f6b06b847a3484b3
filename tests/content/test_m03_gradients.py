"""m03-gradients: its checks pass every correct submission and fail each wrong one.

The checks run in-process here (the sandboxed grader runs them out of process): each
submission is copied as gradients.py into a temporary working copy, and every registered
check is called with a Context on it. Held-back submissions live in submissions/m03_gradients/:
alt_*.py are correct in different ways, wrong_*.py each carry one bug.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import time
import tomllib
import warnings
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

import airoadmap
from airoadmap.curriculum.models import Exercise
from airoadmap.grading import api
from airoadmap.grading.api import CheckFailed, CheckSpec, Context

EXERCISE = Path(airoadmap.__file__).parent / "content" / "exercises" / "m03-gradients"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m03_gradients"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))

# Each wrong submission, the check (function name) that must fail it, and a phrase its
# message must contain: the message names the mistake.
WRONG = {
    "wrong_mse_loss_sum.py": ("mse_loss_value", "divide by n"),
    "wrong_mse_gradient_sum.py": ("mse_gradient_matches", "n = 50 times the gradient"),
    "wrong_mse_gradient_half.py": ("mse_gradient_matches", "half the gradient"),
    "wrong_mse_no_bias_gradient.py": ("mse_gradient_matches", "db is 0.0"),
    "wrong_logistic_gradient_sign.py": ("logistic_gradient_matches", "wrong sign"),
    "wrong_unstable_sigmoid.py": ("sigmoid_stable", "overflow"),
    "wrong_sigmoid_where.py": ("sigmoid_stable", "np.where computes both"),
    "wrong_logistic_loss_naive.py": ("logistic_extreme_logits", "log(0)"),
    "wrong_logistic_loss_clipped.py": ("logistic_extreme_logits", "clipping p"),
    "wrong_forward_differences.py": ("numerical_gradient_central", "forward differences"),
    "wrong_numerical_gradient_mutates.py": ("numerical_gradient_central", "changed the params"),
    "wrong_numerical_gradient_rows.py": ("numerical_gradient_central", "in params' shape"),
    "wrong_gradient_check_absolute.py": ("gradient_check_value", "the absolute error"),
    "wrong_gradient_check_zero_division.py": ("gradient_check_value", "0 / 0 is not an error"),
    "wrong_gradient_descent_uphill.py": ("gradient_descent_path", "uphill"),
    "wrong_gradient_descent_no_start.py": ("gradient_descent_path", "x0 itself"),
}

Results = dict[str, BaseException | None]


def load_checks() -> list[CheckSpec]:
    """Import checks.py the way the grader does: clear the registry, import, collect."""
    api.REGISTRY.clear()
    spec = importlib.util.spec_from_file_location("m03_gradients_checks", EXERCISE / "checks.py")
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    checks = list(api.REGISTRY)
    api.REGISTRY.clear()
    return checks


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks()


def run_checks(checks: list[CheckSpec], source: Path, tmp_path: Path) -> tuple[Results, Context]:
    """Run every check on `source` (as gradients.py): name -> None (pass) or what it raised."""
    workdir = tmp_path / "work"
    workdir.mkdir(parents=True)
    shutil.copy(source, workdir / "gradients.py")
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
        sys.modules.pop("gradients", None)
    return results, ctx


def _failures(results: Results) -> dict[str, str]:
    return {name: f"{type(e).__name__}: {e}" for name, e in results.items() if e is not None}


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    exercise = Exercise.model_validate(tomllib.loads((EXERCISE / "exercise.toml").read_text()))
    keys = {group.key for group in exercise.hints}
    assert keys == {
        "general",
        "sigmoid",
        "stability",
        "mse",
        "logistic",
        "numerical",
        "gradient_check",
        "descent",
    }
    assert all(len(group.tiers) == 3 for group in exercise.hints)
    assert len(checks) == 11
    assert {spec.hint for spec in checks} <= keys
    assert {check for check, _ in WRONG.values()} <= {spec.func.__name__ for spec in checks}
    assert exercise.files == ["gradients.py"]
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "gradients.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run_checks(checks, EXERCISE / "solution" / "gradients.py", tmp_path)
    elapsed = time.perf_counter() - start
    assert _failures(results) == {}
    assert ctx.metrics["accuracy_holdout"] == pytest.approx(0.8115, abs=1e-4)
    assert ctx.metrics["loss_gap"] <= 1e-9
    assert elapsed < 5.0, f"the checks took {elapsed:.1f} s on the solution"


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / "gradients.py"
    assert starter.read_text().count("    # TODO:") == 8  # one per function
    results, _ = run_checks(checks, starter, tmp_path)
    not_attempted = {n: type(e).__name__ for n, e in results.items()}
    assert set(not_attempted.values()) == {"NotImplementedError"}, not_attempted


@pytest.mark.parametrize("source", CORRECT, ids=lambda p: p.stem)
def test_correct_alternative_passes(checks: list[CheckSpec], source: Path, tmp_path: Path) -> None:
    results, _ = run_checks(checks, source, tmp_path)
    assert _failures(results) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(CORRECT) >= 3


def test_every_wrong_submission_is_listed() -> None:
    assert {p.name for p in SUBMISSIONS.glob("wrong_*.py")} == set(WRONG)


@pytest.mark.parametrize(("name", "expected"), sorted(WRONG.items()))
def test_wrong_submission_fails_its_check_and_names_the_mistake(
    checks: list[CheckSpec], name: str, expected: tuple[str, str], tmp_path: Path
) -> None:
    check_name, phrase = expected
    results, _ = run_checks(checks, SUBMISSIONS / name, tmp_path)
    raised = results[check_name]
    assert isinstance(raised, CheckFailed), f"{check_name}: {raised!r}"
    assert phrase in str(raised), str(raised)
    # A bug reads as a wrong answer (FAIL), never as a crash or as "not attempted".
    assert all(e is None or isinstance(e, CheckFailed) for e in results.values()), results


def test_a_warning_from_the_learner_is_a_failure(checks: list[CheckSpec], tmp_path: Path) -> None:
    """The stability checks catch a warning even where NumPy's error state is not the cause."""
    source = tmp_path / "warns.py"
    text = (EXERCISE / "solution" / "gradients.py").read_text()
    text = text.replace(
        "    z_arr = np.asarray(z, dtype=np.float64)\n",
        "    z_arr = np.asarray(z, dtype=np.float64)\n"
        "    if np.abs(z_arr).max() > 500:\n"
        "        import warnings\n\n"
        "        warnings.warn('large z', RuntimeWarning, stacklevel=2)\n",
        1,
    )
    source.write_text(text)
    results, _ = run_checks(checks, source, tmp_path)
    assert "RuntimeWarning: large z" in str(results["sigmoid_stable"])


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "m03_gradients_solution", EXERCISE / "solution" / "gradients.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_solution_sigmoid_is_exact_and_silent_far_out(solution: ModuleType) -> None:
    z = np.array([-1e308, -1e4, -745.0, -30.0, 30.0, 1e4, 1e308, np.inf, -np.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise", under="ignore"):
            out = solution.sigmoid(z)
    np.testing.assert_array_equal(out[[0, 1, 5, 6, 7, 8]], [0.0, 0.0, 1.0, 1.0, 1.0, 0.0])
    # Far in the left tail the stable form keeps full relative precision: sigmoid(-30) = e^-30.
    assert out[3] == pytest.approx(np.exp(-30.0) / (1 + np.exp(-30.0)), rel=1e-14)
    assert solution.sigmoid(np.float64(0.0)) == 0.5


def test_solution_gradients_agree_with_its_own_check(solution: ModuleType) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 4)) + 2.0
    y_reg = rng.normal(size=30)
    y_cls = (rng.random(30) < 0.5).astype(float)
    theta = rng.normal(size=5)
    for loss, grad, y in (
        (solution.mse_loss, solution.mse_gradient, y_reg),
        (solution.logistic_loss, solution.logistic_gradient, y_cls),
    ):

        def f(t: np.ndarray, loss=loss, y=y) -> float:
            return float(loss(t[:-1], t[-1], X, y))

        def g(t: np.ndarray, grad=grad, y=y) -> np.ndarray:
            return np.append(*grad(t[:-1], t[-1], X, y))

        assert solution.gradient_check(f, g, theta) < 1e-7
        assert solution.gradient_check(f, lambda t, g=g: -g(t), theta) == pytest.approx(2.0)


def test_solution_gradient_check_edge_cases(solution: ModuleType) -> None:
    def f(p: np.ndarray) -> float:
        return float(np.sum(p**2))

    with pytest.raises(ValueError, match="one partial derivative per parameter"):
        solution.gradient_check(f, lambda p: np.zeros(2), np.ones(3))
    assert solution.gradient_check(f, lambda p: 2 * p, np.zeros(3)) == 0.0
    assert solution.gradient_check(f, lambda p: np.full(3, np.inf), np.ones(3)) == np.inf


def test_solution_descent_diverges_above_two_over_lambda(solution: ModuleType) -> None:
    """The "going further" claim of the brief: on diag(1, 10), 0.19 converges, 0.21 diverges."""
    A = np.diag([1.0, 10.0])
    x0 = np.array([1.0, 1.0])
    converging = solution.gradient_descent(lambda x: A @ x, x0, 0.19, 200)
    diverging = solution.gradient_descent(lambda x: A @ x, x0, 0.21, 200)
    assert np.linalg.norm(converging[-1]) < 1e-6
    assert np.linalg.norm(diverging[-1]) > 1e6
    assert solution.gradient_descent(lambda x: A @ x, x0, 0.1, 0).shape == (1, 2)
