"""A held-back submission's design.md, written next to its design.py when the checks load it.

The runner copies only the submission's design.py; design.md comes from the solution (the
scenario `moderation`). A submission that designs another scenario, or edits the design,
starts with

    use_doc(globals(), "search", replace=[(old, new)])   # _docs/search.md, one edit made
    use_doc(globals(), "solution", replace=[(old, new)])  # the solution's design.md

which the checks trigger by importing design.py before they read design.md;
`edit_scenarios(globals(), replace=[(old, new)])` edits the working copy's scenarios.toml.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from airoadmap.curriculum.loader import exercise_dir

DOCS = Path(__file__).parent / "_docs"


def use_doc(namespace: dict[str, Any], name: str, replace: Sequence[tuple[str, str]] = ()) -> None:
    """Write design.md next to the module run in `namespace`: the stored design `name` (or the
    solution's), each `(old, new)` edit made (`old` must stand exactly once)."""
    source = (
        exercise_dir("m12-system-design") / "solution" / "design.md"
        if name == "solution"
        else DOCS / f"{name}.md"
    )
    text = source.read_text(encoding="utf-8")
    for old, new in replace:
        if text.count(old) != 1:
            raise AssertionError(f"{source} does not hold {old!r} exactly once")
        text = text.replace(old, new)
    (Path(namespace["__file__"]).parent / "design.md").write_text(text, encoding="utf-8")


def edit_scenarios(namespace: dict[str, Any], replace: Sequence[tuple[str, str]]) -> None:
    """Make each `(old, new)` edit of the scenarios.toml next to the module run in `namespace`
    (once: a second import finds the edits made)."""
    path = Path(namespace["__file__"]).parent / "scenarios.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in replace:
        if new in text:
            continue
        if text.count(old) != 1:
            raise AssertionError(f"{path} does not hold {old!r} exactly once")
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
