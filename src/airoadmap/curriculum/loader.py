"""Read the curriculum's TOML files into typed models, with `file:line: what` errors."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from airoadmap.curriculum.models import (
    FORMAT_VERSION,
    Curriculum,
    Exercise,
    Month,
    Roadmap,
)
from airoadmap.curriculum.paths import content_root, exercise_dir
from airoadmap.errors import ContentError

M = TypeVar("M", bound=BaseModel)


__all__ = ["content_root", "curriculum", "exercise_dir", "load_curriculum", "load_model"]


def _line_of(source: str, loc: tuple[int | str, ...]) -> int:
    """Best-effort line number (1-based) of a pydantic error location in a TOML source.

    Walks the location: a string key is found as `key =`, `[key]` or `[[...key]]`; an integer
    picks the n-th `[[...]]` table of that array. Falls back to the last line found.
    """
    lines = source.splitlines()
    start, found = 0, 1
    i = 0
    while i < len(loc):
        key = loc[i]
        if not isinstance(key, str):
            i += 1
            continue
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        table = re.compile(rf"^\s*\[\[\s*([\w.]+\.)?{re.escape(key)}\s*\]\]")
        assign = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        if isinstance(nxt, int):
            hits = [n for n in range(start, len(lines)) if table.match(lines[n])]
            if len(hits) > nxt:
                start = hits[nxt]
                found = start + 1
                i += 2
                continue
        for n in range(start, len(lines)):
            if assign.match(lines[n]) or re.match(rf"^\s*\[\s*{re.escape(key)}\s*\]", lines[n]):
                start, found = n, n + 1
                break
        i += 1
    return found


def _describe(err: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"])
    if err["type"] == "extra_forbidden":
        msg = "unknown field (a typo?)"
    elif err["type"] == "missing":
        msg = "required field is missing"
    return f"{where}: {msg}" if where else msg


def load_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse one TOML file; a syntax error becomes `file:line: what`."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(f"{path}: cannot read ({exc.strerror}).") from exc
    try:
        return tomllib.loads(source), source
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = m.group(1) if m else "1"
        what = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ContentError(f"{path}:{line}: invalid TOML: {what}") from exc


def load_model(path: Path, model: type[M]) -> M:
    """Load one TOML file into `model`; the first problem becomes `file:line: what`."""
    data, source = load_toml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # A typo'd key also makes the real key "missing": report the typo first.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        line = _line_of(source, tuple(first["loc"]))
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ContentError(f"{path}:{line}: {_describe(dict(first))}{more}") from exc


def load_curriculum(root: Path | None = None) -> Curriculum:
    """Load the roadmap, its 12 months and every exercise found under `root`."""
    root = root or content_root()
    roadmap = load_model(root / "roadmap.toml", Roadmap)
    if roadmap.format_version != FORMAT_VERSION:
        raise ContentError(
            f"{root / 'roadmap.toml'}:1: format_version {roadmap.format_version} is not "
            f"supported (this airoadmap reads {FORMAT_VERSION}): upgrade airoadmap."
        )
    month_files = sorted((root / "months").glob("m*.toml"))
    months = sorted((load_model(p, Month) for p in month_files), key=lambda m: m.number)
    exercises: dict[str, Exercise] = {}
    for path in sorted((root / "exercises").glob("*/exercise.toml")):
        ex = load_model(path, Exercise)
        if ex.id != path.parent.name:
            raise ContentError(
                f"{path}:1: id '{ex.id}' differs from its folder name '{path.parent.name}'."
            )
        exercises[ex.id] = ex
    return Curriculum(roadmap=roadmap, months=months, exercises=exercises)


@cache
def curriculum() -> Curriculum:
    """The packaged curriculum, loaded and checked once per process.

    An inconsistent curriculum (a damaged install, or content being edited) stops here with
    its first problem as `file:line: what`, rather than failing later in a command.
    """
    from airoadmap.curriculum.validate import validate_structure

    cur = load_curriculum()
    problems = validate_structure(cur)
    if problems:
        more = (
            f" (and {len(problems) - 1} more: `airoadmap dev check`)" if len(problems) > 1 else ""
        )
        raise ContentError(problems[0] + more)
    return cur
