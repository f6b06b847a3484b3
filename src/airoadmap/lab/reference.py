"""Helpers every reference project shares: the exercise solutions they run, tables they write.

A project imports the code of its exercise through `reference_module`: the reference
solution, or, inside `learner_code(...)` (what `airoadmap run PROJECT --mine` uses), the
learner's own files of that exercise. Either way every module a run loads is logged (where
it came from and the sha256 of the bytes executed), so the run can say whose code it ran.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from airoadmap.curriculum.loader import exercise_dir
from airoadmap.errors import AiroadmapError


@dataclass(frozen=True)
class LoadedModule:
    """One module (or data file) a run read: whose it was, the file, the sha256 of its bytes."""

    exercise_id: str
    module: str
    code: str  # "mine" (the learner's file) or "reference" (the exercise's solution)
    path: Path
    sha256: str


@dataclass
class _Substitution:
    exercise_id: str
    folder: Path
    expected: dict[str, str]  # file name -> sha256 the learner's passing check graded


_LEARNER: ContextVar[_Substitution | None] = ContextVar("airoadmap_learner_code", default=None)
_LOG: ContextVar[list[LoadedModule] | None] = ContextVar("airoadmap_loaded_modules", default=None)


@contextmanager
def loading_log() -> Iterator[list[LoadedModule]]:
    """Collect every module `reference_module` loads inside the block."""
    log: list[LoadedModule] = []
    token = _LOG.set(log)
    try:
        yield log
    finally:
        _LOG.reset(token)


@contextmanager
def learner_code(exercise_id: str, folder: Path, expected: dict[str, str]) -> Iterator[None]:
    """Inside the block, `reference_module(exercise_id, m)` imports the learner's `m.py` from
    `folder` instead of the solution; `expected` maps each file name to the sha256 that
    passed, and a file whose bytes differ when it is imported stops the run."""
    token = _LEARNER.set(_Substitution(exercise_id, folder, dict(expected)))
    try:
        yield
    finally:
        _LEARNER.reset(token)


def reference_module(exercise_id: str, module: str) -> ModuleType:
    """Import a module of an exercise's reference solution (the code learners see), or the
    learner's own file of it inside `learner_code`.

    The lab runs the file itself, so what a learner reads is what `run` executes.
    The module is registered in `sys.modules` while it runs, as an import would (and as the
    checks' `Context.load` does): `@dataclass` and postponed annotations look it up there.
    """
    path, code, source = _read(exercise_id, f"{module}.py")
    prefix = "airoadmap_mine" if code == "mine" else "airoadmap_ref"
    name = f"{prefix}_{exercise_id.replace('-', '_')}_{module}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    try:
        exec(compile(source, str(path), "exec"), mod.__dict__)  # the bytes _read checked
    except BaseException:
        sys.modules.pop(name, None)
        raise
    _log(exercise_id, module, code, path, source)
    return mod


def reference_file(exercise_id: str, name: str) -> Path:
    """A data file of an exercise's solution (e.g. a spec the learner writes too), or the
    learner's own file inside `learner_code`; logged like a module."""
    path, code, source = _read(exercise_id, name)
    _log(exercise_id, name, code, path, source)
    return path


def _read(exercise_id: str, name: str) -> tuple[Path, str, bytes]:
    """Where an exercise file comes from (the learner's, checked, or the solution's), whose
    it is ("mine" or "reference") and its bytes."""
    mine = _LEARNER.get()
    if mine is not None and mine.exercise_id == exercise_id:
        path, code = mine.folder / name, "mine"
    else:
        path, code = exercise_dir(exercise_id) / "solution" / name, "reference"
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise AiroadmapError(f"Cannot read {path}: {exc.strerror}.") from None
    digest = hashlib.sha256(source).hexdigest()
    if mine is not None and code == "mine" and mine.expected.get(name) != digest:
        raise AiroadmapError(
            f"{path} is not the file that passed `airoadmap check {exercise_id}` "
            "(it changed, or the exercise has no such file): check it again, then rerun "
            "with --mine."
        )
    return path, code, source


def _log(exercise_id: str, name: str, code: str, path: Path, source: bytes) -> None:
    log = _LOG.get()
    if log is not None:
        digest = hashlib.sha256(source).hexdigest()
        log.append(LoadedModule(exercise_id, name, code, path, digest))


def markdown_table(frame: Any) -> str:
    """A DataFrame as a Markdown table (numbers to 4 significant digits)."""
    header = [frame.index.name or "", *map(str, frame.columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for idx, row in frame.iterrows():
        cells = [f"{v:.4g}" if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join([str(idx), *cells]) + " |")
    return "\n".join(lines) + "\n"
