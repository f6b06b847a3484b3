"""A held-back submission's Dockerfile, .dockerignore and manifests: the solution's, edited.

The runner copies only the submission's healthcheck.py; the other files come from the
solution. A submission that changes one of them starts with

    edit_file(globals(), "Dockerfile", [(old, new)])     # the solution's file, one edit made
    write_file(globals(), "k8s/hpa.yaml", text)           # a file of its own

which rewrite the working copy's file (next to the submission's own module) when the checks
import healthcheck.py, before they read anything else, and mark it edited (a comment line at
the end), so that a second import leaves it alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

MARK = "# edited by a held-back submission\n"


def _path(namespace: dict[str, Any], name: str) -> Path:
    return Path(namespace["__file__"]).parent / name


def edit_file(namespace: dict[str, Any], name: str, edits: Sequence[tuple[str, str]]) -> None:
    """Make each `(old, new)` edit of the file `name` (`old` must stand exactly once)."""
    path = _path(namespace, name)
    text = path.read_text(encoding="utf-8")
    if MARK in text:
        return
    for old, new in edits:
        if text.count(old) != 1:
            raise AssertionError(f"{path} does not hold {old!r} exactly once")
        text = text.replace(old, new)
    path.write_text(text + MARK, encoding="utf-8")


def write_file(namespace: dict[str, Any], name: str, text: str) -> None:
    """Replace the file `name` by `text`."""
    path = _path(namespace, name)
    if path.is_file() and MARK in path.read_text(encoding="utf-8"):
        return
    path.write_text(text + MARK, encoding="utf-8")
