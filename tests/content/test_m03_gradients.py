"""m03-gradients: what is specific to this exercise.

The held-back submissions (submissions/m03_gradients/alt_*.py pass, wrong_*.py each FAIL the
check their docstring names) run in tests/content/test_submissions.py. Here:
- the contract table (submissions/m03_gradients/contract.toml): every point of the brief x
  every option it applies to, each killed by its check, restricted to that option where it
  says so;
- a warning from the learner's code fails the stability checks;
- the reference solution beyond what the checks ask.

The checks of this exercise draw nothing at random (every data set has a fixed seed): none is
statistical.
"""

from __future__ import annotations

import ast
import importlib.util
import tomllib
import warnings
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise

EXERCISE_ID = "m03-gradients"
EXERCISE = exercise_dir(EXERCISE_ID)
SUBMISSIONS = Path(__file__).parent / "submissions" / "m03_gradients"
PACKAGE = "tests.content.submissions.m03_gradients"
CONTRACT = tomllib.loads((SUBMISSIONS / "contract.toml").read_text(encoding="utf-8"))["row"]
SOLUTION = EXERCISE / "solution" / "gradients.py"


def declared_checks() -> list[str]:
    """The check functions of checks.py, in order (read with ast, not imported)."""
    tree = ast.parse((EXERCISE / "checks.py").read_text(encoding="utf-8"))
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(d, ast.Call) and getattr(d.func, "id", "") == "check"
            for d in node.decorator_list
        )
    ]


# --- the contract table ----------------------------------------------------------------------

# A wrong submission restricted to some calls: `function` is the wrong one only where `only`
# (an expression over its arguments) holds, and the reference's elsewhere.
RESTRICTED = '''"""{wrong}, {function} only where {only}."""

import inspect

import numpy as np

from {package} import reference as _right
from {package} import {wrong} as _wrong
from {package}.reference import *


def {function}(*args, **kwargs):
    bound = inspect.signature(_right.{function}).bind(*args, **kwargs)
    bound.apply_defaults()
    use = _wrong if eval({only!r}, {{"np": np}}, dict(bound.arguments)) else _right
    return use.{function}(*args, **kwargs)
'''


def submission(row: dict[str, str]) -> Path | str:
    """The row's wrong submission: its file, or its source restricted to `only`."""
    if "only" not in row:
        return SUBMISSIONS / f"{row['wrong']}.py"
    return RESTRICTED.format(
        package=PACKAGE, wrong=row["wrong"], function=row["function"], only=row["only"]
    )


def test_contract_table_covers_every_check_and_every_wrong_submission() -> None:
    checks = set(declared_checks())
    named = {row["check"] for row in CONTRACT}
    assert named <= checks | {"from_scratch"}, sorted(named - checks)
    assert checks | {"from_scratch"} <= named, sorted(checks - named)
    wrong_files = {p.stem for p in SUBMISSIONS.glob("wrong_*.py")}
    listed = {row["wrong"] for row in CONTRACT}
    assert listed <= wrong_files, sorted(listed - wrong_files)
    assert wrong_files <= listed, f"wrong submissions in no row: {sorted(wrong_files - listed)}"
    for row in CONTRACT:
        assert row["point"] and row["options"], row
        assert ("only" in row) == ("function" in row), row
        if "only" in row:
            compile(row["only"], "only", "eval")


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
        seen = {row["only"] for row in CONTRACT if row["wrong"] == wrong and "only" in row}
        assert options <= seen, (wrong, options - seen)


@pytest.mark.parametrize(
    "row",
    CONTRACT,
    ids=[f"{r['check']}-{r['wrong']}-{i}" for i, r in enumerate(CONTRACT)],
)
def test_contract_row_is_killed_by_its_check(row: dict[str, str]) -> None:
    result = run_inprocess(EXERCISE_ID, {"gradients.py": submission(row)}, only=[row["check"]])
    verdict = result.checks[row["check"]]
    assert verdict.outcome == "FAIL", f"{row}: {verdict.outcome} {verdict.message}"


def test_restricting_a_wrong_submission_to_other_calls_makes_it_pass() -> None:
    row = {"wrong": "wrong_forward_differences", "function": "numerical_gradient"}
    row["only"] = "np.ndim(params) == 3"
    result = run_inprocess(
        EXERCISE_ID, {"gradients.py": submission(row)}, only=["numerical_gradient_central"]
    )
    assert result.outcome("numerical_gradient_central") == "PASS", result.failures()


def test_brief_names_the_forbidden_libraries() -> None:
    exercise = load_model(EXERCISE / "exercise.toml", Exercise)
    assert {"sklearn", "scipy", "torch", "jax", "autograd"} <= set(exercise.forbidden_imports)
    assert exercise.use_instead == "NumPy"
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
    spec = importlib.util.spec_from_file_location("m03_gradients_solution", SOLUTION)
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
