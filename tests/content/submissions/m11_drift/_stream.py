"""The reference stream.py, run inside a held-back submission's own module.

run_solution runs an exercise's first file (drift.py here); a submission that replaces
stream.py starts with `run_stream(globals(), replace=[(old, new)])` instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.content.submissions._solution import Edit, run_file

from airoadmap.curriculum.loader import exercise_dir


def run_stream(namespace: dict[str, Any], replace: Sequence[Edit] = ()) -> None:
    """Execute the solution's stream.py in `namespace`, each `(old, new)` edit made first."""
    run_file(exercise_dir("m11-drift") / "solution" / "stream.py", namespace, replace)
