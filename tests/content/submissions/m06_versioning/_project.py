"""A held-back submission whose dvc.yaml differs from the solution's by one edit.

The runner copies only the submission's versioning.py; the other files come from the
solution. A submission that changes dvc.yaml starts with

    edit_project(globals(), "dvc.yaml", [(old, new)])

which rewrites the working copy's dvc.yaml (next to the submission's own file) when the
checks import it, before they copy the project, and marks it edited (a comment line at the
end). Run again as a DVC stage, it finds the mark and leaves the file alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

MARK = "# edited by a held-back submission\n"


def edit_project(namespace: dict[str, Any], name: str, edits: Sequence[tuple[str, str]]) -> None:
    """Make each `(old, new)` edit of the file `name` next to the module run in `namespace`."""
    path = Path(namespace["__file__"]).parent / name
    text = path.read_text(encoding="utf-8")
    if MARK in text:
        return  # already made: the submission runs again as each DVC stage
    for old, new in edits:
        if text.count(old) != 1:
            raise AssertionError(f"{path} does not hold {old!r} exactly once")
        text = text.replace(old, new)
    path.write_text(text + MARK, encoding="utf-8")
