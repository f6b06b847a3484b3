"""m01-oop: the content fits together, and what its checks do beyond the shared test.

The solution, the starter and the held-back submissions (submissions/m01_oop/) are run by
tests/content/test_submissions.py.
"""

from __future__ import annotations

import ast
import doctest
import importlib.util
import inspect
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EX = "m01-oop"
ROOT = exercise_dir(EX)
SOLUTION = ROOT / "solution" / "transformers.py"
STARTER = ROOT / "starter" / "transformers.py"
CHECKS = [
    "hierarchy",
    "template",
    "StandardScaler",
    "MinMaxScaler",
    "feature_range",
    "super",
    "dunder",
    "from_params",
    "Pipeline",
]


def load_module(path: Path, name: str) -> ModuleType:
    """Import the file at `path` as a module named `name` (not registered in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the content fits together ------------------------------------------------------------------


def test_exercise_toml_is_valid_and_complete() -> None:
    ex = Exercise.model_validate(tomllib.loads((ROOT / "exercise.toml").read_text("utf-8")))
    assert ex.id == "m01-oop" and ex.month == 1
    assert ex.files == ["transformers.py"] and ex.checks == "checks.py"
    assert ex.limits.timeout_s <= 10
    assert sorted(h.key for h in ex.hints) == sorted([*CHECKS, "general"])
    for group in ex.hints:
        assert len(group.tiers) == 3, f"{group.key}: a nudge, the approach, nearly the code"
        assert all(t.strip() for t in group.tiers)
    assert "airoadmap check m01-oop" in (ROOT / "brief.md").read_text(encoding="utf-8")


def test_one_check_per_part_each_with_its_hints() -> None:
    assert list(declared_checks(EX).values()) == CHECKS


def test_starter_and_solution_share_the_same_contract() -> None:
    starter = load_module(STARTER, "m01_oop_starter")
    solution = load_module(SOLUTION, "m01_oop_solution")
    names = ["NotFittedError", "as_rows", "Transformer", "StandardScaler", "MinMaxScaler"]
    for name in [*names, "Pipeline"]:
        mine, ref = getattr(starter, name), getattr(solution, name)
        assert inspect.getdoc(mine) == inspect.getdoc(ref), name
        if inspect.isclass(ref):
            assert [b.__name__ for b in mine.__mro__] == [b.__name__ for b in ref.__mro__], name
            for attr, value in vars(ref).items():
                if callable(value) or isinstance(value, property | classmethod):
                    assert attr in vars(mine), f"{name}.{attr} is missing from the starter"
                    got, want = getattr(mine, attr), getattr(ref, attr)
                    if inspect.isfunction(want) or inspect.ismethod(want):
                        assert inspect.signature(got) == inspect.signature(want), attr
    assert inspect.getsource(starter.as_rows) == inspect.getsource(solution.as_rows)


def test_every_starter_body_is_a_todo() -> None:
    source = STARTER.read_text(encoding="utf-8")
    lines = source.splitlines()
    given = {"as_rows", "get_params", "_fit", "_transform"}  # the helper; abstract in the base
    todo = 0
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef):
            continue
        body = [
            s
            for s in node.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        ]
        abstract = any(getattr(d, "id", None) == "abstractmethod" for d in node.decorator_list)
        if node.name == "as_rows" or abstract:
            assert node.name in given
            continue
        assert len(body) == 1 and isinstance(body[0], ast.Raise), node.name
        comment = next(i for i in range(body[0].lineno - 2, 0, -1) if "# TODO:" in lines[i])
        assert body[0].lineno - 2 - comment <= 3, f"{node.name}: the TODO sits above the raise"
        todo += 1
    assert todo == 22


def test_solution_examples_run() -> None:
    module = load_module(SOLUTION, "m01_oop_doctest")
    result = doctest.testmod(module)
    assert result.attempted >= 5 and result.failed == 0


# -- what the checks do beyond the held-back submissions -------------------------------------


def test_checks_leave_the_working_copy_clean(tmp_path: Path) -> None:
    work = tmp_path / "work"
    assert run_inprocess(EX, {}, workdir=work).passed
    assert sorted(p.name for p in work.iterdir()) == ["transformers.py"]


def test_solution_errors_say_what_to_do() -> None:
    t = load_module(SOLUTION, "m01_oop_errors")
    with pytest.raises(t.NotFittedError, match=r"StandardScaler is not fitted yet: call fit"):
        t.StandardScaler().transform([[1.0]])
    with pytest.raises(ValueError, match="rows have 1 columns, but this MinMaxScaler was fitted"):
        t.MinMaxScaler().fit([[1.0, 2.0]]).transform([[1.0]])
    with pytest.raises(ValueError, match="row 1 has 1 values, but row 0 has 2"):
        t.StandardScaler().fit([[1.0, 2.0], [3.0]])
    with pytest.raises(TypeError, match=r"write StandardScaler\(\)"):
        t.Pipeline([t.StandardScaler])
    with pytest.raises(ValueError, match="has no parameter 'steps_'"):
        t.Pipeline.from_params({"steps_": []})
    with pytest.raises(TypeError, match="unhashable"):
        hash(t.StandardScaler())
