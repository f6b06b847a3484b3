"""A held-back submission's ci.yml, written beside its monitoring.py when the checks load it.

The runner copies only the submission's monitoring.py; .github/workflows/ci.yml comes from
the solution. A submission that breaks the workflow starts with

    use_workflow(globals(), replace=[(old, new)])   # the solution's ci.yml, edits made

which the checks trigger by importing monitoring.py before they read the workflow.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from airoadmap.curriculum.loader import exercise_dir

WORKFLOW = ".github/workflows/ci.yml"


def use_workflow(namespace: dict[str, Any], replace: Sequence[tuple[str, str]]) -> None:
    """Write the solution's workflow beside the module run in `namespace`, each `(old, new)`
    edit made (`old` must stand exactly once)."""
    source = exercise_dir("m11-monitoring") / "solution" / WORKFLOW
    text = source.read_text(encoding="utf-8")
    for old, new in replace:
        if text.count(old) != 1:
            raise AssertionError(f"{source} does not hold {old!r} exactly once")
        text = text.replace(old, new)
    target = Path(namespace["__file__"]).parent / WORKFLOW
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def write_workflow(namespace: dict[str, Any], text: str) -> None:
    """Write `text` as the workflow beside the module run in `namespace`."""
    target = Path(namespace["__file__"]).parent / WORKFLOW
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
