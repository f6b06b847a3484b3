"""Where the packaged curriculum lives (standard library only: `check` imports it)."""

from __future__ import annotations

from pathlib import Path

import airoadmap


def content_root() -> Path:
    """The folder of the curriculum shipped with the package."""
    return Path(airoadmap.__file__).parent / "content"


def exercise_dir(exercise_id: str, root: Path | None = None) -> Path:
    """The content folder of one exercise (brief, starter/, solution/, checks.py)."""
    return (root or content_root()) / "exercises" / exercise_id
