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


@pytest.fixture(scope="module")
def one_thread() -> Iterator[None]:
    """One thread per native library, as in the sandbox (OMP_NUM_THREADS=1).

    K-Means' OpenMP threads fighting over two busy cores make the checks ten times slower,
    and so do torch's (an LSTM's tests: 138 s with two threads, 16 s with one).
    threadpoolctl limits only the libraries already loaded, hence the import first.
    """
    import sklearn.cluster  # noqa: F401
    import torch
    from threadpoolctl import threadpool_limits

    threads = torch.get_num_threads()  # torch's own pool: threadpoolctl does not reach it
    torch.set_num_threads(1)
    try:
        with threadpool_limits(limits=1):
            yield
    finally:
        torch.set_num_threads(threads)
