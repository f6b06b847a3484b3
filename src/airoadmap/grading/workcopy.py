"""The learner's folder, seen by the grader: its fingerprint, whether it is untouched, a copy.

Grading never runs in the learner's folder: it runs on a copy in a temporary folder, so
nothing a check or the learner's code does there can change the workspace.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

MAX_COPY_BYTES = 50 * 1024 * 1024
MAX_COPY_FILES = 2000
SKIP_DIRS = frozenset(
    {
        "__pycache__", ".ipynb_checkpoints", ".git", ".hg", ".svn", ".venv", "venv",
        "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".idea",
        ".vscode",
    }
)  # fmt: skip
SKIP_SUFFIXES = (".pyc", ".pyo", "~", ".bak", ".swp", ".swo", ".orig")
SKIP_NAMES = frozenset({".DS_Store", "Thumbs.db"})


class FolderTooBig(Exception):
    """The learner's folder is too big to copy for a check (the message says what to move)."""


def code_hash(folder: Path, files: Iterable[str]) -> str:
    """sha256 over the learner's files, in name order (a missing file counts as missing)."""
    digest = hashlib.sha256()
    for name in sorted(files):
        try:
            data = (folder / name).read_bytes()
        except OSError:
            digest.update(f"{name}\0missing\0".encode())
            continue
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def is_untouched(folder: Path, starter: Path, files: Iterable[str]) -> bool:
    """Whether every learner file still equals its starter (line endings aside)."""
    for name in files:
        try:
            mine = (folder / name).read_bytes().replace(b"\r\n", b"\n")
            original = (starter / name).read_bytes().replace(b"\r\n", b"\n")
        except OSError:
            return False
        if mine != original:
            return False
    return True


def copy_folder(
    source: Path,
    target: Path,
    *,
    keep: Iterable[str] = (),
    max_bytes: int | None = None,
    max_files: int | None = None,
) -> int:
    """Copy `source` into the new folder `target`, leaving out caches and editor backups.

    Files named in `keep` are copied whatever their names. Symbolic links to files are copied
    as files; links to folders are left out. Returns the bytes copied; raises FolderTooBig
    past `max_bytes` or `max_files`.
    """
    max_bytes = MAX_COPY_BYTES if max_bytes is None else max_bytes
    max_files = MAX_COPY_FILES if max_files is None else max_files
    kept = {os.path.normpath(k) for k in keep}
    total = 0
    count = 0
    target.mkdir(parents=True)
    for here, dirs, names in os.walk(source):
        rel_dir = os.path.relpath(here, source)
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not os.path.islink(os.path.join(here, d))
        )
        for name in sorted(names):
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if rel not in kept and (name in SKIP_NAMES or name.endswith(SKIP_SUFFIXES)):
                continue
            path = os.path.join(here, name)
            if not os.path.isfile(path):  # sockets, fifos, dangling links
                continue
            total += os.path.getsize(path)
            count += 1
            if total > max_bytes or count > max_files:
                raise FolderTooBig(
                    f"{source} holds more than {max_bytes // (1024 * 1024)} MB or "
                    f"{max_files} files: move data sets and outputs out of the exercise folder"
                )
            destination = target / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    return total


def remove_tree(folder: Path) -> None:
    """Delete a sandbox folder, even where the learner's code removed permissions in it."""

    def retry(func: object, path: str, _exc: object) -> None:
        try:
            os.chmod(os.path.dirname(path), 0o700)
            if os.path.isdir(path) and not os.path.islink(path):
                os.chmod(path, 0o700)
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=retry)
    else:
        shutil.rmtree(folder, onerror=retry)
