"""Run an exercise's checks in-process on one submission (the sandboxed grader runs the same
functions out of process). Shared by the content tests."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import airoadmap
from airoadmap.curriculum.models import Exercise
from airoadmap.grading import api
from airoadmap.grading.api import CheckSpec, Context

EXERCISES = Path(airoadmap.__file__).parent / "content" / "exercises"

Results = dict[str, BaseException | None]


def load_module(path: Path, name: str) -> ModuleType:
    """Import the file at `path` as a module called `name`."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as Context.load does (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def load_checks(exercise_id: str) -> list[CheckSpec]:
    """Import an exercise's checks.py the way the grader does: clear, import, collect."""
    api.REGISTRY.clear()
    load_module(EXERCISES / exercise_id / "checks.py", f"{exercise_id.replace('-', '_')}_checks")
    checks = list(api.REGISTRY)
    api.REGISTRY.clear()
    return checks


def exercise(exercise_id: str) -> Exercise:
    """The exercise's exercise.toml, validated."""
    text = (EXERCISES / exercise_id / "exercise.toml").read_text(encoding="utf-8")
    return Exercise.model_validate(tomllib.loads(text))


def run_checks(
    checks: list[CheckSpec], source: Path, module: str, tmp_path: Path
) -> tuple[Results, Context]:
    """Run every check on `source` (copied as `<module>.py` into a fresh working copy).

    Returns check function name -> None (passed) or what it raised, and the context.
    """
    workdir = tmp_path / "work"
    workdir.mkdir(parents=True)
    shutil.copy(source, workdir / f"{module}.py")
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
        sys.modules.pop(module, None)
    return results, ctx


def failures(results: Results) -> dict[str, str]:
    """The checks that did not pass, with what they raised."""
    return {name: f"{type(e).__name__}: {e}" for name, e in results.items() if e is not None}
