"""m03-gradients: what is specific to this exercise.

The held-back submissions (submissions/m03_gradients/alt_*.py pass, wrong_*.py each FAIL the
check their docstring names) run in tests/content/test_submissions.py. Here:
- the contract table (submissions/m03_gradients/contract.toml, run by test_contracts.py)
  covers every option: its rows restricted to each (`only`, built by _only.py);
- a warning from the learner's code fails the stability checks;
- the reference solution beyond what the checks ask.

The checks of this exercise draw nothing at random (every data set has a fixed seed): none is
statistical.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir
from tests.content.contracts import Row, exercise, load, load_module

EXERCISE_ID = "m03-gradients"
EXERCISE = exercise_dir(EXERCISE_ID)
TABLE = load(EXERCISE_ID)
SOLUTION = EXERCISE / "solution" / "gradients.py"


# --- the contract table ----------------------------------------------------------------------


def test_contract_table_covers_every_option() -> None:
    """Points with options are checked under each: 1 or more features, 1-D or 2-D parameters."""
    for wrong, options in {
        "wrong_mse_loss_sum": {"np.shape(X)[1] == 1", "np.shape(X)[1] > 1"},
        "wrong_mse_gradient_sum": {"np.shape(X)[1] == 1", "np.shape(X)[1] > 1"},
        "wrong_logistic_loss_sum": {"len(y) < 10", "len(y) >= 10"},
        "wrong_logistic_gradient_sign": {"np.shape(X)[1] == 1", "np.shape(X)[1] > 1"},
        "wrong_forward_differences": {"np.ndim(params) == 1", "np.ndim(params) == 2"},
        "wrong_numerical_gradient_mutates": {"np.ndim(params) == 1", "np.ndim(params) == 2"},
        "wrong_gradient_descent_uphill": {"np.ndim(x0) == 1", "np.ndim(x0) == 2"},
    }.items():
        seen = {row.only for row in TABLE.rows if row.wrong == wrong and row.only}
        assert options <= seen, (wrong, options - seen)


def test_restricting_a_wrong_submission_to_other_calls_makes_it_pass() -> None:
    row = Row("central differences", "-", "numerical_gradient_central",
              "wrong_forward_differences", only="np.ndim(params) == 3",
              function="numerical_gradient")  # fmt: skip
    result = TABLE.run(row)
    assert result.outcome("numerical_gradient_central") == "PASS", result.failures()


def test_brief_names_the_forbidden_libraries() -> None:
    ex = exercise(EXERCISE_ID)
    assert {"sklearn", "scipy", "torch", "jax", "autograd"} <= set(ex.forbidden_imports)
    assert ex.use_instead == "NumPy"
    brief = (EXERCISE / "brief.md").read_text(encoding="utf-8")
    for shown in ("SciPy", "scikit-learn", "PyTorch", "JAX", "autograd", "importlib"):
        assert shown in brief


def test_a_warning_from_the_learner_is_a_failure(tmp_path: Path) -> None:
    """The stability checks catch a warning even where NumPy's error state is not the cause."""
    text = SOLUTION.read_text(encoding="utf-8").replace(
        "    z_arr = np.asarray(z, dtype=np.float64)\n",
        "    z_arr = np.asarray(z, dtype=np.float64)\n"
        "    if np.abs(z_arr).max() > 500:\n"
        "        import warnings\n\n"
        "        warnings.warn('large z', RuntimeWarning, stacklevel=2)\n",
        1,
    )
    result = run_inprocess(EXERCISE_ID, {"gradients.py": text}, only=["sigmoid_stable"])
    assert result.outcome("sigmoid_stable") == "FAIL"
    assert "RuntimeWarning: large z" in result.checks["sigmoid_stable"].message


def test_solution_metrics_are_the_ones_the_bar_was_set_on() -> None:
    result = run_inprocess(
        EXERCISE_ID, {"gradients.py": SOLUTION}, only=["trains_logistic_regression"]
    )
    assert result.metrics["accuracy_holdout"] == pytest.approx(0.8115, abs=1e-4)
    assert result.metrics["loss_gap"] <= 1e-9


# --- the reference solution beyond the checks ------------------------------------------------


@pytest.fixture(scope="module")
def solution() -> ModuleType:
    return load_module(SOLUTION, "m03_gradients_solution")


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
