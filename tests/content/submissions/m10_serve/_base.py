"""Shared by the held-back submissions: the reference app.py with one edit, run in the
submission's own module.

A submission runs as `app.py` in the app's own process (the checks start it with uvicorn),
where the repository's `tests` package is not on sys.path: each submission puts the
repository root there first (from the installed `airoadmap` package's location, a source
checkout), then calls `solution_with(globals(), [(old, new), ...])`.

The source is compiled with `dont_inherit=True`: FastAPI reads the endpoints' annotations
at run time, so no `from __future__ import annotations` of this file may leak into it.
"""

from collections.abc import Sequence
from typing import Any

from airoadmap.curriculum.loader import exercise_dir


def solution_with(namespace: dict[str, Any], replace: Sequence[tuple[str, str]] = ()) -> None:
    """Execute the solution's app.py in `namespace`, each `(old, new)` edit made first
    (`old` must stand exactly once)."""
    path = exercise_dir("m10-serve") / "solution" / "app.py"
    source = path.read_text(encoding="utf-8")
    for old, new in replace:
        if source.count(old) != 1:
            raise AssertionError(f"{path} no longer holds {old!r} exactly once")
        source = source.replace(old, new)
    exec(compile(source, str(path), "exec", dont_inherit=True), namespace)
