"""m01-katas: the content fits together, and what its checks do beyond the shared test.

The solution, the starter and the held-back submissions (submissions/m01_katas/) are run by
tests/content/test_submissions.py.
"""

from __future__ import annotations

import ast
import doctest
import importlib.util
import inspect
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EXERCISE = "m01-katas"
ROOT = exercise_dir(EXERCISE)
KATAS = [
    "is_palindrome",
    "slugify",
    "word_counts",
    "chunk",
    "moving_average",
    "dedupe",
    "jaccard",
    "deep_get",
    "flatten",
    "flatten_dict",
    "BoundedQueue",
    "parse_age",
    "clean_lines",
    "column_mean",
]


def exercise() -> Exercise:
    with open(ROOT / "exercise.toml", "rb") as f:
        return Exercise.model_validate(tomllib.load(f))


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the content fits together ------------------------------------------------------------------


def test_exercise_toml_is_valid_and_complete() -> None:
    ex = exercise()
    assert ex.id == EXERCISE and ex.month == 1
    assert ex.files == ["katas.py"] and ex.checks == "checks.py"
    assert ex.limits.timeout_s <= 10
    keys = [h.key for h in ex.hints]
    assert sorted(keys) == sorted([*KATAS, "general"])
    for group in ex.hints:
        assert len(group.tiers) == 3, f"{group.key}: a nudge, the approach, nearly the code"
        assert all(t.strip() for t in group.tiers)
    assert (ROOT / "brief.md").read_text(encoding="utf-8").count("airoadmap check m01-katas")


def test_one_check_per_kata_each_pointing_to_its_hints() -> None:
    assert list(declared_checks(EXERCISE).values()) == KATAS


def test_starter_and_solution_share_the_same_contract() -> None:
    starter = load_module(ROOT / "starter" / "katas.py", "m01_starter")
    solution = load_module(ROOT / "solution" / "katas.py", "m01_solution")
    for name in [*KATAS, "QueueFull"]:
        mine, ref = getattr(starter, name), getattr(solution, name)
        doc = inspect.getdoc(ref) or ""
        assert inspect.getdoc(mine) == doc, name
        if name in KATAS:
            assert ">>>" in doc or "Example:" in doc, f"{name}: the contract shows an example"
        if inspect.isfunction(ref):
            assert inspect.signature(mine) == inspect.signature(ref), name
    for method in ("__init__", "push", "pop", "peek", "is_full", "__len__", "__repr__"):
        assert inspect.signature(getattr(starter.BoundedQueue, method)) == inspect.signature(
            getattr(solution.BoundedQueue, method)
        ), method


def test_every_starter_body_is_a_todo() -> None:
    source = (ROOT / "starter" / "katas.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    assert len(functions) == 13 + 7  # the functions, and BoundedQueue's methods
    lines = source.splitlines()
    for fn in functions:
        body = [
            s
            for s in fn.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        ]
        assert len(body) == 1 and isinstance(body[0], ast.Raise), fn.name
        assert lines[body[0].lineno - 2].strip().startswith("# TODO:"), fn.name


def test_solution_examples_run() -> None:
    module = load_module(ROOT / "solution" / "katas.py", "m01_solution_doctest")
    result = doctest.testmod(module)
    assert result.attempted >= 12 and result.failed == 0


def test_checks_import_nothing_heavy() -> None:
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('c', {str(ROOT / 'checks.py')!r})\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "print(sorted(m for m in ('numpy', 'pandas', 'pydantic') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-B", "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# -- what the checks do beyond the held-back submissions (tests/content/test_submissions.py) ----


def test_checks_leave_the_working_copy_clean(tmp_path: Path) -> None:
    work = tmp_path / "work"
    assert run_inprocess(EXERCISE, {}, workdir=work).passed
    assert sorted(p.name for p in work.iterdir() if p.name != "__pycache__") == ["katas.py"]


def _solution_plus(code: str) -> str:
    return (ROOT / "solution" / "katas.py").read_text(encoding="utf-8") + "\n\n" + code


def test_a_failure_message_shows_call_expected_and_actual() -> None:
    wrong = "def chunk(items, size):\n    return [items[i : i + size] for i in range(0, 4, size)]\n"
    result = run_inprocess(EXERCISE, {"katas.py": _solution_plus(wrong)}, only=["check_chunk"])
    assert result.checks["check_chunk"].message == (
        "chunk([1, 2, 3, 4, 5], 2) returned [[1, 2], [3, 4]], expected [[1, 2], [3, 4], [5]]."
    )


def test_a_crash_in_learner_code_is_not_hidden() -> None:
    """Outside the error-handling katas, an unexpected exception reaches the harness (ERROR)."""
    wrong = "def slugify(title):\n    return title.lower().replace(' ', '-')[100]\n"
    result = run_inprocess(EXERCISE, {"katas.py": _solution_plus(wrong)}, only=["check_slugify"])
    assert result.outcome("check_slugify") == "ERROR"
    assert "IndexError" in result.checks["check_slugify"].message
