"""Every test runs without the user's workspace, database or data cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pgserver import pg_server, pg_url  # noqa: F401  (fixtures for every test folder)

# torch's OpenMP threads (torch reads this when it is first imported): idle threads sleep
# instead of spinning, so the in-process training checks do not thrash 2 busy cores.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.delenv("AIROADMAP_WORKSPACE", raising=False)
    monkeypatch.delenv("AIROADMAP_DATABASE_URL", raising=False)
    monkeypatch.delenv("AIROADMAP_DEBUG", raising=False)
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("AIROADMAP_OFFLINE", "1")  # no test may reach the network
    cache = tmp_path_factory.getbasetemp() / "cache"
    monkeypatch.setenv("AIROADMAP_CACHE_DIR", str(cache))


@pytest.fixture(autouse=True, scope="session")
def _one_blas_thread() -> Iterator[None]:
    """One BLAS/OpenMP thread in the test process: 2 busy cores thrash otherwise."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


@pytest.fixture()
def solution_text() -> callable:
    """Read a file of an exercise's reference solution."""
    from airoadmap.curriculum.loader import exercise_dir

    def read(exercise_id: str, name: str) -> str:
        return (exercise_dir(exercise_id) / "solution" / name).read_text(encoding="utf-8")

    return read


def exercise_file(ws: Path, exercise_id: str, name: str) -> Path:
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.workspace import Workspace

    cur = curriculum()
    return Workspace(ws.resolve()).exercise_path(cur, cur.exercises[exercise_id]) / name
