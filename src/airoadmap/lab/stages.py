"""The progress of a reference project as it runs: the stages it announces.

A project calls `stage("cross-validating 4 models")` as each step of its work begins; whoever
runs it (the `run` command) listens with `listening(callback)` and shows them. Without a
listener a stage costs nothing, so a project runs the same in tests and notebooks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Listener = Callable[[str], None]

_listener: ContextVar[Listener | None] = ContextVar("airoadmap_lab_stage", default=None)


def stage(name: str) -> None:
    """Announce that the stage `name` begins (the previous one, if any, has ended)."""
    listener = _listener.get()
    if listener is not None:
        listener(name)


@contextmanager
def listening(listener: Listener | None) -> Iterator[None]:
    """Send the stages announced inside the block to `listener` (None: to nobody)."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
