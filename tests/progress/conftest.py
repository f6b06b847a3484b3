"""Fixtures: a fresh progress store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from airoadmap.progress.store import ProgressStore


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ws" / ".airoadmap" / "progress.db"


@pytest.fixture()
def store(db_path: Path) -> Iterator[ProgressStore]:
    s = ProgressStore.for_workspace(db_path)
    yield s
    s.close()
