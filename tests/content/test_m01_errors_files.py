"""m01-errors-files: the content fits together, and what its checks do beyond the shared test.

The solution, the starter and the held-back submissions (submissions/m01_errors_files/) are
run by tests/content/test_submissions.py.
"""

from __future__ import annotations

import ast
import doctest
import importlib.util
import inspect
import json
import os
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EX = "m01-errors-files"
ROOT = exercise_dir(EX)
SOLUTION = ROOT / "solution" / "records.py"
STARTER = ROOT / "starter" / "records.py"
CHECKS = [
    "exceptions",
    "validate_config",
    "load_config",
    "raise_from",
    "read_jsonl",
    "with",
    "atomic",
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
    assert ex.id == "m01-errors-files" and ex.month == 1
    assert ex.files == ["records.py"] and ex.checks == "checks.py"
    assert ex.limits.timeout_s <= 10
    assert sorted(h.key for h in ex.hints) == sorted([*CHECKS, "general"])
    for group in ex.hints:
        assert len(group.tiers) == 3, f"{group.key}: a nudge, the approach, nearly the code"
    assert "airoadmap check m01-errors-files" in (ROOT / "brief.md").read_text("utf-8")


def test_one_check_per_part_each_with_its_hints() -> None:
    assert list(declared_checks(EX).values()) == CHECKS


def test_starter_and_solution_share_the_same_contract() -> None:
    starter = load_module(STARTER, "m01_records_starter")
    solution = load_module(SOLUTION, "m01_records_solution")
    public = [n for n in vars(solution) if not n.startswith("_") and n not in ("annotations",)]
    for name in public:
        ref = getattr(solution, name)
        if inspect.ismodule(ref) or getattr(ref, "__module__", solution.__name__) not in (
            solution.__name__,
            None,
        ):
            continue  # imported names
        assert hasattr(starter, name), f"{name} is missing from the starter"
        mine = getattr(starter, name)
        if inspect.isfunction(ref) or inspect.isclass(ref):
            assert inspect.getdoc(mine) == inspect.getdoc(ref), name
        if inspect.isfunction(ref):
            assert inspect.signature(mine) == inspect.signature(ref), name
        if inspect.isclass(ref) and "__init__" in vars(ref):
            assert inspect.signature(mine.__init__) == inspect.signature(ref.__init__), name
    assert starter.REQUIRED == solution.REQUIRED and starter.DEFAULTS == solution.DEFAULTS


def test_every_starter_body_is_a_todo() -> None:
    source = STARTER.read_text(encoding="utf-8")
    lines = source.splitlines()
    todo = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            body = [
                s
                for s in node.body
                if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
            ]
            assert len(body) == 1 and isinstance(body[0], ast.Raise), node.name
            above = lines[body[0].lineno - 4 : body[0].lineno - 1]
            assert any("# TODO:" in line for line in above), node.name
            todo.append(node.name)
    assert len(todo) == 7


def test_solution_examples_run() -> None:
    result = doctest.testmod(load_module(SOLUTION, "m01_records_doctest"))
    assert result.attempted >= 4 and result.failed == 0


# -- what the checks do beyond the held-back submissions -------------------------------------


def test_checks_leave_the_working_copy_clean(tmp_path: Path) -> None:
    work = tmp_path / "work"
    assert run_inprocess(EX, {}, workdir=work).passed
    assert sorted(p.name for p in work.iterdir()) == ["records.py"]


# -- the reference solution beyond the checks -------------------------------------------------


def test_solution_messages_read_well(tmp_path: Path) -> None:
    r = load_module(SOLUTION, "m01_records_messages")
    path = tmp_path / "run.json"
    path.write_text('{"data": "a.csv",\n "epochs": 5\n "learning_rate": 0.1}', encoding="utf-8")
    with pytest.raises(r.ConfigSyntaxError, match=r"run\.json, line 3: Expecting ',' delimiter"):
        r.load_config(path)
    with pytest.raises(r.ConfigError, match=r"cannot read config file .*: No such file"):
        r.load_config(tmp_path / "nope.json")
    with pytest.raises(r.ConfigError, match=r"unknown key\(s\) 'lr' \(known: batch_size, "):
        r.validate_config({"lr": 0.1})
    with pytest.raises(r.InvalidValueError, match="learning_rate must be a finite number > 0"):
        r.validate_config({"data": "a", "epochs": 1, "learning_rate": "0.1"})


def test_solution_write_keeps_the_usual_file_mode(tmp_path: Path) -> None:
    """A temporary file from mkstemp is private (0600); "x" mode respects the umask."""
    r = load_module(SOLUTION, "m01_records_mode")
    plain = tmp_path / "plain.json"
    plain.write_text("{}", encoding="utf-8")
    r.write_json_atomic(tmp_path / "out.json", {"a": [1, 2]})
    assert os.stat(tmp_path / "out.json").st_mode == os.stat(plain).st_mode
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert json.loads(text) == {"a": [1, 2]} and text.endswith("\n")
