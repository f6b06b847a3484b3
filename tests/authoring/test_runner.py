"""The in-process runner: the checks of an exercise on a submission, as the harness runs them."""

from __future__ import annotations

import builtins
import os
import shutil
import sys
from pathlib import Path

import pytest

from airoadmap.authoring.runner import InprocessResult, run_inprocess
from airoadmap.errors import GradingError
from airoadmap.grading import api

FIXTURE = Path(__file__).parents[1] / "grading" / "fixtures" / "m01-scratch"
TOML = """\
id = "m01-scratch"
month = 1
title = "Fixture"
summary = "A from-scratch fixture exercise."
files = ["scratch.py"]
forbidden_imports = ["sklearn", "scipy"]
use_instead = "NumPy"

[bars]
slope_error = {{ at_most = {bar}, why = "a clean line is fitted exactly" }}

[[hints]]
key = "general"
tiers = ["Read the brief."]
"""
CORRECT = (FIXTURE / "solution" / "scratch.py").read_text()
ALL = ["matches", "exact", "from_scratch"]


def content(tmp_path: Path, *, bar: float = 1e-9) -> Path:
    """A curriculum root holding only the fixture exercise."""
    root = tmp_path / "content"
    folder = root / "exercises" / "m01-scratch"
    shutil.copytree(FIXTURE, folder)
    (folder / "exercise.toml").write_text(TOML.format(bar=bar), encoding="utf-8")
    return root


def run(tmp_path: Path, code: str) -> InprocessResult:
    """Run the fixture's checks on `code` as its scratch.py."""
    return run_inprocess("m01-scratch", {"scratch.py": code}, content=content(tmp_path))


def test_the_solution_passes_every_check_with_its_bar_metric(tmp_path: Path) -> None:
    result = run_inprocess("m01-scratch", {}, content=content(tmp_path))
    assert list(result.checks) == ALL
    assert result.passed, result.failures()
    assert result.metrics == {"slope_error": 0.0}
    assert result.checks["exact"].metrics == {"slope_error": 0.0}
    assert result.checks["from_scratch"].title == "uses only the libraries the brief allows"


def test_a_bar_from_exercise_toml_judges_the_metric(tmp_path: Path) -> None:
    root = content(tmp_path, bar=-1.0)
    result = run_inprocess("m01-scratch", {"scratch.py": CORRECT}, content=root)
    assert result.outcome("exact") == "FAIL"
    assert "slope_error=0 is above the bar -1" in result.checks["exact"].message
    assert "a clean line is fitted exactly" in result.checks["exact"].message


def test_a_scikit_learn_wrapper_fails_each_check_naming_the_import(tmp_path: Path) -> None:
    code = (
        "import numpy as np\n"
        "from sklearn.linear_model import LinearRegression\n\n"
        "def slope(xs, ys):\n"
        "    return float(LinearRegression(fit_intercept=False).fit(np.c_[xs], ys).coef_[0])\n"
    )
    result = run(tmp_path, code)
    assert {c.outcome for c in result.checks.values()} == {"FAIL"}
    message = result.checks["from_scratch"].message
    assert message.startswith("scratch.py:2 imports sklearn.linear_model, which this")
    assert "write it with NumPy" in message
    assert result.checks["matches"].message == message


def test_outcomes_are_classified_as_the_harness_does(tmp_path: Path) -> None:
    starter = (FIXTURE / "starter" / "scratch.py").read_text()
    result = run(tmp_path, starter)
    assert result.outcome("matches") == "NOT_ATTEMPTED"
    assert "still raises NotImplementedError" in result.checks["matches"].message
    assert result.outcome("from_scratch") == "NOT_ATTEMPTED"  # nothing to judge yet

    wrong = run(tmp_path / "b", "def slope(xs, ys):\n    return 2.0\n")
    assert wrong.outcome("matches") == "FAIL"
    assert wrong.checks["matches"].message.startswith("slope([1, 2, 3], [2, 4.1, 5.9]): 2 vs")

    crash = run(tmp_path / "c", "def slope(xs, ys):\n    return 1 / 0\n")
    assert crash.outcome("matches") == "ERROR"
    assert crash.checks["matches"].message == (
        "ZeroDivisionError: division by zero (scratch.py line 2)"
    )


def test_only_and_stop_at_first_failure_limit_what_runs(tmp_path: Path) -> None:
    root = content(tmp_path)
    wrong = {"scratch.py": "import scipy\n\ndef slope(xs, ys):\n    return 2.0\n"}
    only = run_inprocess("m01-scratch", wrong, content=root, only=["from_scratch"])
    assert list(only.checks) == ["from_scratch"]
    assert only.outcome("from_scratch") == "FAIL"
    first = run_inprocess("m01-scratch", wrong, content=root, stop_at_first_failure=True)
    assert list(first.checks) == ["matches"]
    computed = {"scratch.py": "import importlib\n_m = importlib.import_module('sc' + 'ipy')\n"}
    alone = run_inprocess("m01-scratch", computed, content=root, only=["from_scratch"])
    assert alone.checks["from_scratch"].message.startswith("scratch.py:2 imports scipy,")
    with pytest.raises(ValueError, match="no check named nope"):
        run_inprocess("m01-scratch", wrong, content=root, only=["nope"])


def test_files_may_be_paths_and_helper_modules(tmp_path: Path) -> None:
    root = content(tmp_path)
    helper = tmp_path / "helper_src.py"
    helper.write_text("def ratio(a, b):\n    return a / b\n")
    main = tmp_path / "main_src.py"
    main.write_text(
        "import numpy as np\nfrom slopehelp import ratio\n\n"
        "def slope(xs, ys):\n"
        "    x, y = np.asarray(xs, float), np.asarray(ys, float)\n"
        "    return float(ratio(x @ y, x @ x))\n"
    )
    result = run_inprocess(
        "m01-scratch", {"scratch.py": main, "slopehelp.py": str(helper)}, content=root
    )
    assert result.passed, result.failures()


def test_the_process_is_left_as_it_was(tmp_path: Path) -> None:
    root = content(tmp_path)
    before = (list(sys.path), os.getcwd(), builtins.__import__, sys.dont_write_bytecode)
    modules = set(sys.modules)
    for code in (CORRECT, "def slope(xs, ys):\n    return 2.0\n"):
        result = run_inprocess("m01-scratch", {"scratch.py": code}, content=root)
    assert result.outcome("exact") == "FAIL"  # the second submission, not a cached first
    assert (list(sys.path), os.getcwd(), builtins.__import__, sys.dont_write_bytecode) == before
    assert "scratch" not in sys.modules
    assert not [m for m in set(sys.modules) - modules if "inprocess" in m]
    assert api.REGISTRY == []


def test_a_check_asking_for_an_undeclared_bar_is_a_content_error(tmp_path: Path) -> None:
    root = content(tmp_path)
    toml = root / "exercises" / "m01-scratch" / "exercise.toml"
    toml.write_text(toml.read_text().replace("slope_error =", "other ="))
    with pytest.raises(GradingError, match="slope_error"):
        run_inprocess("m01-scratch", {}, content=root)


def test_a_real_exercise_solution_passes() -> None:
    from airoadmap.curriculum.loader import exercise_dir

    solution = exercise_dir("m01-katas") / "solution" / "katas.py"
    result = run_inprocess("m01-katas", {"katas.py": solution})
    assert result.passed, result.failures()
    assert len(result.checks) >= 10
