"""The reference app.py, run inside a held-back submission's own module.

run_solution runs an exercise's first file (retrieval.py here); a submission that replaces
app.py starts with `run_app(globals(), replace=[(old, new)])` instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.content.submissions._solution import Edit, run_file

from airoadmap.curriculum.loader import exercise_dir


def run_app(namespace: dict[str, Any], replace: Sequence[Edit] = ()) -> None:
    """Execute the solution's app.py in `namespace`, each `(old, new)` edit made first."""
    run_file(exercise_dir("m10-chatbot") / "solution" / "app.py", namespace, replace)
