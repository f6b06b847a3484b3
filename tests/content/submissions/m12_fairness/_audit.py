"""The reference audit.py, run inside a held-back submission's own module.

run_solution runs an exercise's first file (group_metrics.py here); a submission that
replaces audit.py starts with `run_audit(globals(), replace=[(old, new)])` instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.content.submissions._solution import Edit, run_file

from airoadmap.curriculum.loader import exercise_dir


def run_audit(namespace: dict[str, Any], replace: Sequence[Edit] = ()) -> None:
    """Execute the solution's audit.py in `namespace`, each `(old, new)` edit made first."""
    run_file(exercise_dir("m12-fairness") / "solution" / "audit.py", namespace, replace)
