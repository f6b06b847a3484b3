"""m01-http: the content fits together.

The solution, the starter and the held-back submissions (submissions/m01_http/) are run by
tests/content/test_submissions.py; the checks start a local HTTP server on 127.0.0.1 in the
test process itself.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
import tomllib
from pathlib import Path
from types import ModuleType

from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EX = "m01-http"
ROOT = exercise_dir(EX)
SOLUTION = ROOT / "solution" / "client.py"
STARTER = ROOT / "starter" / "client.py"
CHECKS = ["get", "errors", "pagination", "retries", "timeout", "post"]


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
    assert ex.id == "m01-http" and ex.month == 1
    assert ex.files == ["client.py"] and ex.checks == "checks.py"
    assert ex.datasets == [] and ex.limits.processes == 0
    assert sorted(h.key for h in ex.hints) == sorted([*CHECKS, "general"])
    for group in ex.hints:
        assert len(group.tiers) == 3, f"{group.key}: a nudge, the approach, nearly the code"
    brief = (ROOT / "brief.md").read_text(encoding="utf-8")
    assert "airoadmap check m01-http" in brief and "urllib" in brief


def test_one_check_per_part_each_with_its_hints() -> None:
    assert list(declared_checks(EX).values()) == CHECKS


def test_starter_and_solution_share_the_same_contract() -> None:
    starter = load_module(STARTER, "m01_client_starter")
    solution = load_module(SOLUTION, "m01_client_solution")
    given = ["ApiError", "NotFoundError", "ServerError", "ApiTimeoutError", "__init__"]
    for name in given:
        assert _source_of(STARTER, name) == _source_of(SOLUTION, name), name
    mine, ref = starter.RegistryClient, solution.RegistryClient
    assert inspect.getdoc(mine) == inspect.getdoc(ref)
    for method, value in vars(ref).items():
        if inspect.isfunction(value):
            assert inspect.signature(getattr(mine, method)) == inspect.signature(value), method
            assert inspect.getdoc(getattr(mine, method)) == inspect.getdoc(value), method


def _source_of(path: Path, name: str) -> str:
    """The source text of the class or function called `name` in the file at `path`."""
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(source, node) or ""
    raise AssertionError(f"{name} not found in {path}")


def test_every_starter_method_is_a_todo() -> None:
    source = STARTER.read_text(encoding="utf-8")
    lines = source.splitlines()
    todo = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name != "__init__":
            body = [
                s
                for s in node.body
                if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
            ]
            assert len(body) == 1 and isinstance(body[0], ast.Raise), node.name
            above = lines[body[0].lineno - 5 : body[0].lineno - 1]
            assert any("# TODO:" in line for line in above), node.name
            todo.append(node.name)
    assert sorted(todo) == sorted(
        ["get_model", "list_models", "register_model", "_url", "_request", "_send"]
    )


def test_solution_imports_nothing_but_the_standard_library() -> None:
    tree = ast.parse(SOLUTION.read_text(encoding="utf-8"))
    roots = {
        (alias.name if isinstance(node, ast.Import) else node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert roots <= set(sys.stdlib_module_names) | {"__future__"}, roots
