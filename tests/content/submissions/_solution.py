"""The reference solution, run inside a held-back submission's own module.

A submission that changes one piece of the solution starts with

    run_solution("m01-oop", globals())                       # the solution, as if pasted here
    run_solution("m01-cleaning", globals(), replace=[(old, new)])   # ... with one edit
    run_alternative("m04_metrics", "alt_pure_python", globals())   # an alternative

and then redefines or patches what it breaks, exactly as if that code were appended to the
solution file: the classes and functions are this module's own copies, so patching them
touches no other submission. The solution keeps its real file name in tracebacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise

# (old, new) or (old, new, times): a text edit of the file before it runs.
Edit = tuple[str, str] | tuple[str, str, int]


def run_solution(
    exercise_id: str, namespace: dict[str, Any], replace: Sequence[Edit] = ()
) -> None:
    """Execute the solution's first .py file in `namespace`, each `(old, new)` edit made first."""
    folder = exercise_dir(exercise_id)
    exercise = load_model(folder / "exercise.toml", Exercise)
    solution = folder / "solution" / next(f for f in exercise.files if f.endswith(".py"))
    run_file(solution, namespace, replace)


def run_alternative(
    folder: str, name: str, namespace: dict[str, Any], replace: Sequence[Edit] = ()
) -> None:
    """Execute the correct alternative `<folder>/<name>.py` of this folder in `namespace` (a
    submission runs from a copy named as the learner's file, so it names its folder)."""
    run_file(Path(__file__).parent / folder / f"{name}.py", namespace, replace)


def run_file(path: Path, namespace: dict[str, Any], replace: Sequence[Edit] = ()) -> None:
    """Execute `path` in `namespace`, each edit made first: `(old, new)` where `old` stands
    exactly once, or `(old, new, n)` where it stands exactly n times (all are replaced)."""
    source = path.read_text(encoding="utf-8")
    for edit in replace:
        old, new = edit[0], edit[1]
        times = edit[2] if len(edit) == 3 else 1
        if source.count(old) != times:
            raise AssertionError(f"{path} no longer holds {old!r} exactly {times} time(s)")
        source = source.replace(old, new)
    exec(compile(source, str(path), "exec"), namespace)
