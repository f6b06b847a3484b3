"""The reference solution, run inside a held-back submission's own module.

A submission that changes one piece of the solution starts with

    run_solution("m01-oop", globals())                       # the solution, as if pasted here
    run_solution("m01-cleaning", globals(), replace=[(old, new)])   # ... with one edit

and then redefines or patches what it breaks, exactly as if that code were appended to the
solution file: the classes and functions are this module's own copies, so patching them
touches no other submission. The solution keeps its real file name in tracebacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise


def run_solution(
    exercise_id: str, namespace: dict[str, Any], replace: Sequence[tuple[str, str]] = ()
) -> None:
    """Execute the solution's first .py file in `namespace`, each `(old, new)` edit made first."""
    folder = exercise_dir(exercise_id)
    exercise = load_model(folder / "exercise.toml", Exercise)
    path = folder / "solution" / next(f for f in exercise.files if f.endswith(".py"))
    source = path.read_text(encoding="utf-8")
    for old, new in replace:
        if source.count(old) != 1:
            raise AssertionError(f"{path} no longer holds {old!r} exactly once")
        source = source.replace(old, new)
    exec(compile(source, str(path), "exec"), namespace)
