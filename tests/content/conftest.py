"""Fixtures shared by the content tests."""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from airoadmap.authoring import runner


@pytest.fixture(scope="session", autouse=True)
def _long_lived_objects_out_of_gc() -> Iterator[None]:
    """The objects alive when the content tests start (modules, the libraries the tests
    imported) kept out of the collector's way.

    Some checks call gc.collect() (to find files a submission left open); in a test process
    holding pandas and scikit-learn that walks every object each time.
    """
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture
def kept_workdirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The working copies `run_inprocess` makes, kept after the run so a test can look inside.

    Each run's copy is `<folder>/work`; the list fills as runs happen.
    """
    made: list[Path] = []
    counter = itertools.count()

    @contextlib.contextmanager
    def kept(**_options: object) -> Iterator[str]:
        folder = tmp_path / f"run{next(counter)}"
        folder.mkdir()
        made.append(folder / "work")
        yield str(folder)

    monkeypatch.setattr(runner, "tempfile", SimpleNamespace(TemporaryDirectory=kept))
    return made
