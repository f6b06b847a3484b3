"""Helpers every reference project shares: the exercise solutions they run, tables they write."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

from airoadmap.curriculum.loader import exercise_dir


def reference_module(exercise_id: str, module: str) -> ModuleType:
    """Import a module of an exercise's reference solution (the code learners see).

    The lab runs the solution file itself, so what a learner reads is what `run` executes.
    The module is registered in `sys.modules` while it runs, as an import would (and as the
    checks' `Context.load` does): `@dataclass` and postponed annotations look it up there.
    """
    path = exercise_dir(exercise_id) / "solution" / f"{module}.py"
    name = f"airoadmap_ref_{exercise_id.replace('-', '_')}_{module}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    try:
        spec.loader.exec_module(mod)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return mod


def markdown_table(frame: Any) -> str:
    """A DataFrame as a Markdown table (numbers to 4 significant digits)."""
    header = [frame.index.name or "", *map(str, frame.columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for idx, row in frame.iterrows():
        cells = [f"{v:.4g}" if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join([str(idx), *cells]) + " |")
    return "\n".join(lines) + "\n"
