"""Fixtures shared by the content tests."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


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
