"""A workspace's membership of a cohort: `.airoadmap/cohort.toml` and its companions.

.airoadmap/cohort.toml     the cohort's URL WITHOUT its password, the learner's name, the
                           workspace's uid (a uuid4 made at the first join: with the local id
                           of a row, it names the row in the cohort database), the cohort's
                           id and name. Safe to show (`cohort status` prints it).
.airoadmap/cohort.secret   the password, alone, in a file only its owner may read (0600),
                           written only when the URL given to `join` carried one. A URL
                           without a password uses libpq's own means (PGPASSWORD, ~/.pgpass).
.airoadmap/cohort-sync.json  what the last sync did: when, the newest local ids it knew were
                           sent, the last failure (for `cohort status`; the cohort database,
                           not this file, decides what is sent).
.airoadmap/cohort-sync.lock, cohort-sync.wanted  one detached sync at a time (background.py).

All of `.airoadmap/` is in the workspace's .gitignore, so none of it is committed.
"""

from __future__ import annotations

import json
import os
import tomllib
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL

from airoadmap.cohort.db import CohortError, parse_url
from airoadmap.workspace import Workspace

CONFIG = "cohort.toml"
SECRET = "cohort.secret"
STATE = "cohort-sync.json"


@dataclass(frozen=True)
class Membership:
    """What cohort.toml says."""

    url: str  # without the password
    learner: str
    workspace_uid: str
    cohort_id: str
    cohort_name: str
    joined_at: str

    def full_url(self, ws: Workspace) -> URL:
        """The URL to connect with: the stored one plus the password of cohort.secret."""
        parsed = parse_url(self.url)
        secret = ws.meta_dir / SECRET
        if parsed.password is None and secret.is_file():
            try:
                password = secret.read_text("utf-8").strip()
            except OSError as exc:
                raise CohortError(
                    f"Cannot read {secret}: {exc.strerror or exc}. Rejoin with "
                    "`airoadmap cohort join URL`."
                ) from None
            parsed = parsed.set(password=password)
        return parsed


@dataclass
class SyncState:
    """What the last sync did (cohort-sync.json)."""

    last_sync: str | None = None  # UTC ISO time of the last sync that reached the database
    attempts_upto: int = 0  # every local attempt with an id up to this one was sent
    reviews_upto: int = 0
    last_try: str | None = None
    last_error: str | None = None  # why the last try failed; None when it worked
    sent: dict[str, int] = field(default_factory=dict)  # totals sent from this workspace


def path(ws: Workspace) -> Path:
    """Where the workspace's cohort.toml is."""
    return ws.meta_dir / CONFIG


def joined(ws: Workspace) -> bool:
    """Whether the workspace has joined a cohort (one stat: the check hook's cost)."""
    return (ws.meta_dir / CONFIG).is_file()


def load(ws: Workspace) -> Membership:
    """The workspace's membership; CohortError when it joined none or the file is damaged."""
    file = path(ws)
    if not file.is_file():
        raise CohortError(
            f"This workspace ({ws.root}) has joined no cohort: `airoadmap cohort join URL`."
        )
    try:
        data = tomllib.loads(file.read_text("utf-8"))
        return Membership(**{k: str(data[k]) for k in Membership.__dataclass_fields__})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise CohortError(
            f"{file} is damaged ({type(exc).__name__}: {exc}): rejoin with "
            "`airoadmap cohort join URL`."
        ) from None


def save(ws: Workspace, member: Membership, password: str | None) -> None:
    """Write cohort.toml (and cohort.secret, 0600, when there is a password)."""
    parsed = parse_url(member.url)
    if parsed.password is not None:
        raise ValueError("cohort.toml must not hold a password")
    lines = [
        "# airoadmap cohort: this workspace sends its attempts and quiz reviews here.",
        "# The password (if any) is in cohort.secret, readable only by you.",
    ]
    lines += [f"{k} = {json.dumps(v)}" for k, v in asdict(member).items()]
    secret = ws.meta_dir / SECRET
    try:
        ws.meta_dir.mkdir(parents=True, exist_ok=True)
        if password is not None:
            _write_private(secret, password + "\n")
        else:
            secret.unlink(missing_ok=True)
        _write_atomic(path(ws), "\n".join(lines) + "\n")
    except OSError as exc:
        raise CohortError(
            f"Cannot write the cohort settings in {ws.meta_dir}: {exc.strerror or exc}."
        ) from None


def load_state(ws: Workspace) -> SyncState:
    """The last sync's record (an empty one when none, or when the file is unreadable)."""
    try:
        data: dict[str, Any] = json.loads((ws.meta_dir / STATE).read_text("utf-8"))
        return SyncState(**{k: v for k, v in data.items() if k in SyncState.__dataclass_fields__})
    except (OSError, ValueError, TypeError):
        return SyncState()


def save_state(ws: Workspace, state: SyncState) -> None:
    """Record what a sync did (atomically: a cut-off write leaves the previous record)."""
    _write_atomic(ws.meta_dir / STATE, json.dumps(asdict(state), indent=1) + "\n")


def _write_atomic(target: Path, content: str) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_text(content, "utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_private(target: Path, content: str) -> None:
    """Write a file only its owner may read or write, from its creation on."""
    tmp = target.with_name(f"{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)  # whatever the umask
            os.write(fd, content.encode("utf-8"))
        finally:
            os.close(fd)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
