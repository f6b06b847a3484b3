"""`python -m airoadmap.cohort.background WORKSPACE`: the detached sync after a check or quiz.

`check --all` or `watch` can start many of these within a second; one sync at a time does the
work for all of them. Each process first marks that a sync is wanted (a file), then tries to
take the workspace's sync lock without waiting: the holder syncs while the mark is there
(clearing it before each sync), so a mark set during its sync makes it sync once more; a
process that finds the lock taken simply ends. Only the holder imports SQLAlchemy, so the
others cost a Python start-up each. A process that ends after its last look for the mark
has released the lock, so a newcomer always gets the lock or leaves its mark to a holder
that will look again: no wanted sync is dropped.
"""

from __future__ import annotations

import sys
from pathlib import Path

WANTED = "cohort-sync.wanted"
LOCK = "cohort-sync.lock"


def run(root: Path) -> None:
    """Sync the workspace at `root` unless another process is doing it (and will redo it)."""
    meta = root / ".airoadmap"
    wanted = meta / WANTED
    wanted.touch()
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, just sync
        _sync(root)
        return
    with open(meta / LOCK, "a") as handle:
        while wanted.exists():
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return  # the holder looks for the mark again before it ends
            try:
                while wanted.exists():
                    wanted.unlink(missing_ok=True)
                    _sync(root)
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _sync(root: Path) -> None:
    from airoadmap.cohort.sync import auto_sync
    from airoadmap.workspace import Workspace

    auto_sync(Workspace(root))


def main(argv: list[str]) -> int:
    """Entry point: one argument, the workspace's folder."""
    if len(argv) != 1:
        sys.stderr.write("usage: python -m airoadmap.cohort.background WORKSPACE\n")
        return 2
    try:
        run(Path(argv[0]).resolve())
    except OSError:  # the workspace went away: nothing to send from
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
