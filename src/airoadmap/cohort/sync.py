"""Join a cohort and send it the workspace's attempts and quiz reviews.

The learner's own progress store is the queue: every attempt and quiz review is first
recorded there (offline or not), and a sync sends the rows the cohort database does not have
yet. It reads what the cohort holds of the learner's rows, as (local id, time) pairs (so a gap
left by anything is filled, and a workspace that rejoined under a new uid resends nothing),
inserts the other local rows in one transaction with INSERT ... ON CONFLICT DO NOTHING on the
unique key (learner, workspace_uid, local_id), and only then notes locally what it did. So:
- an attempt made offline is sent at the next sync that reaches the database (never lost);
- a sync cut off after its insert, or two syncs at once, or a resend, record nothing twice;
- a restored or replaced progress database (its ids used again for new rows) gets a new
  workspace uid, recorded before anything is sent under it, so its new rows are not mistaken
  for the old ones.

`auto_sync` is the hook of `check` and `quiz` (run by checking.sync_cohort in a detached
process, cohort/background.py): best effort, a short connect timeout, never an
exception (a failure is noted for `cohort status`).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, select
from sqlalchemy.engine import URL

from airoadmap.checking import ENV_COHORT_SYNC
from airoadmap.cohort import config
from airoadmap.cohort.config import Membership, SyncState
from airoadmap.cohort.db import (
    ATTEMPTS,
    REVIEWS,
    CohortError,
    CohortInfo,
    CohortOffline,
    check_name,
    connect,
    current_user,
    ensure_learner,
    guard,
    insert_ignore,
    parse_url,
    read_info,
    shown,
)
from airoadmap.progress.models import utcnow
from airoadmap.workspace import Workspace

AUTO_TIMEOUT_S = 2  # the check hook's connect timeout (libpq's minimum)
AUTO_STATEMENT_TIMEOUT_S = 5.0  # ... and a statement's, on a server that answers but is stuck
SYNC_TIMEOUT_S = 10


@dataclass(frozen=True)
class Sent:
    """What one sync did."""

    attempts: int  # rows inserted now (a resend counts 0)
    reviews: int
    learner: str
    cohort: str
    renewed_uid: bool = False  # the local store was restored: rows now go under a new uid


@dataclass(frozen=True)
class Waiting:
    """Local rows the cohort database has not acknowledged (as of the last sync)."""

    attempts: int
    reviews: int

    @property
    def total(self) -> int:
        return self.attempts + self.reviews


# -- join ----------------------------------------------------------------------------------


def join(
    ws: Workspace, url: str, learner: str | None = None, *, timeout_s: int = SYNC_TIMEOUT_S
) -> tuple[Membership, CohortInfo]:
    """Check the cohort at `url`, record the workspace's membership (cohort.toml).

    On PostgreSQL the learner is the URL's user (--learner may only repeat it); on SQLite
    --learner is needed. Rejoining the same cohort keeps the workspace's uid, so nothing is
    sent twice under a new name.
    """
    parsed = parse_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite:
        if learner is None:
            raise CohortError(
                "A SQLite cohort does not know who you are: add --learner NAME."
            )
        check_name(learner)
    engine = connect(parsed, timeout_s=timeout_s)
    try:
        with guard(parsed, "join"), engine.begin() as conn:
            cohort = read_info(conn, parsed)
            if not sqlite:
                user = current_user(conn) or ""
                if learner is not None and learner != user:
                    raise CohortError(
                        f"On PostgreSQL the learner is the URL's user ({user}), not "
                        f"{learner!r}: drop --learner or use {learner}'s URL."
                    )
                learner = user
            assert learner is not None
            ensure_learner(conn, learner)
    finally:
        engine.dispose()
    uid = str(uuid.uuid4())
    if config.joined(ws):
        try:
            old = config.load(ws)
        except CohortError:
            old = None
        if old is not None and old.cohort_id == cohort.cohort_id and old.learner == learner:
            uid = old.workspace_uid
    member = Membership(
        url=parsed._replace(password=None).render_as_string(hide_password=False),
        learner=learner,
        workspace_uid=uid,
        cohort_id=cohort.cohort_id,
        cohort_name=cohort.name,
        joined_at=utcnow().isoformat(),
    )
    config.save(ws, member, parsed.password)
    return member, cohort


# -- sync ----------------------------------------------------------------------------------


def sync(
    ws: Workspace, *, timeout_s: int = SYNC_TIMEOUT_S, statement_timeout_s: float | None = None
) -> Sent:
    """Send every local attempt and quiz review the cohort database lacks.

    CohortOffline when the database cannot be reached (nothing is lost: the rows wait in the
    local store); CohortError for settings that cannot work (bad URL, login refused, the
    cohort gone or another one at that URL).
    """
    member = config.load(ws)
    state = config.load_state(ws)
    state.last_try = utcnow().isoformat()
    try:
        sent, upto = _send(ws, member, member.full_url(ws), timeout_s, statement_timeout_s)
    except CohortError as exc:
        state.last_error = str(exc)
        _save_quietly(ws, state)
        raise
    state.last_error = None
    state.last_sync = state.last_try
    state.attempts_upto, state.reviews_upto = upto
    state.sent = {
        "attempts": state.sent.get("attempts", 0) + sent.attempts,
        "reviews": state.sent.get("reviews", 0) + sent.reviews,
    }
    _save_quietly(ws, state)  # the rows are sent: this note is only for `cohort status`
    return sent


def _send(
    ws: Workspace, member: Membership, url: URL, timeout_s: int, statement_timeout_s: float | None
) -> tuple[Sent, tuple[int, int]]:
    from airoadmap.progress.store import ProgressStore

    store = ProgressStore.for_workspace(ws.db_path, copies=ws.copies_dir)
    try:
        attempts = store.attempts()
        reviews = store.quiz_reviews()
    finally:
        store.close()
    engine = connect(url, timeout_s=timeout_s, statement_timeout_s=statement_timeout_s)
    try:
        with guard(url, "send your attempts to"), engine.begin() as conn:
            cohort = read_info(conn, url)
            if cohort.cohort_id != member.cohort_id:
                raise CohortError(
                    f"{shown(url)} now holds another cohort ({cohort.name}, "
                    f"{cohort.cohort_id}) than the one this workspace joined: rejoin with "
                    "`airoadmap cohort join URL` if that is right."
                )
            done_a, here_a = sent_rows(conn, ATTEMPTS, member)
            done_r, here_r = sent_rows(conn, REVIEWS, member)
            todo_a = [a for a in attempts if (a.id, _utc(a.created_at)) not in done_a]
            todo_r = [r for r in reviews if (r.id, _utc(r.reviewed_at)) not in done_r]
            renewed = any(a.id in here_a for a in todo_a) or any(r.id in here_r for r in todo_r)
            if renewed:  # local ids used again: the progress database was restored/replaced
                member = _renew_uid(ws, member)
            now = utcnow()
            key = {"learner": member.learner, "workspace_uid": member.workspace_uid}
            new_attempts = [
                {
                    **key,
                    "local_id": a.id,
                    "exercise_id": a.exercise_id,
                    "outcome": a.outcome.value,
                    "metrics": a.metrics,
                    "checks": a.checks,
                    "duration_s": a.duration_s,
                    "code_hash": a.code_hash,
                    "created_at": a.created_at,
                    "received_at": now,
                }
                for a in todo_a
            ]
            new_reviews = [
                {
                    **key,
                    "local_id": r.id,
                    "card_id": r.card_id,
                    "rating": r.rating,
                    "reviewed_at": r.reviewed_at,
                    "due": r.due,
                }
                for r in todo_r
            ]
            n_attempts = insert_ignore(conn, ATTEMPTS, new_attempts)
            n_reviews = insert_ignore(conn, REVIEWS, new_reviews)
    finally:
        engine.dispose()
    upto = (max((a.id for a in attempts), default=0), max((r.id for r in reviews), default=0))
    return Sent(n_attempts, n_reviews, member.learner, cohort.name, renewed), upto


def sent_rows(
    conn: Connection, table: Table, member: Membership
) -> tuple[set[tuple[int, datetime]], set[int]]:
    """What the cohort holds of the learner's rows: every (local id, time) it has from any
    of their workspaces (or earlier uids of this one), and the local ids under this uid."""
    when = table.c.created_at if "created_at" in table.c else table.c.reviewed_at
    query = select(table.c.workspace_uid, table.c.local_id, when).where(
        table.c.learner == member.learner
    )
    done: set[tuple[int, datetime]] = set()
    here: set[int] = set()
    for uid, local_id, stamp in conn.execute(query):
        done.add((local_id, _utc(stamp)))
        if uid == member.workspace_uid:
            here.add(local_id)
    return done, here


def _utc(stamp: datetime) -> datetime:
    return stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _renew_uid(ws: Workspace, member: Membership) -> Membership:
    """A new workspace uid, recorded in cohort.toml before anything is sent under it.

    The rows already in the cohort keep the old uid; the local rows it lacks go under the
    new one (their local ids may be the old rows' ids again), so nothing is lost or doubled.
    """
    renewed = Membership(**{**member.__dict__, "workspace_uid": str(uuid.uuid4())})
    secret = ws.meta_dir / config.SECRET
    password = secret.read_text("utf-8").strip() if secret.is_file() else None
    config.save(ws, renewed, password)
    return renewed


def waiting(ws: Workspace, state: SyncState | None = None) -> Waiting:
    """Local rows newer than what the last sync saw sent (read from the local store only)."""
    from airoadmap.progress.store import ProgressStore

    state = state or config.load_state(ws)
    store = ProgressStore.for_workspace(ws.db_path, copies=ws.copies_dir)
    try:
        attempts = sum(1 for a in store.attempts() if a.id > state.attempts_upto)
        reviews = sum(1 for r in store.quiz_reviews() if r.id > state.reviews_upto)
    finally:
        store.close()
    return Waiting(attempts, reviews)


def auto_sync(ws: Workspace, *, timeout_s: int = AUTO_TIMEOUT_S) -> Sent | None:
    """Best-effort sync after `check` or `quiz` in a workspace that joined a cohort.

    Never raises and waits at most about timeout_s for an unreachable server; None when it
    did not run or did not reach the database (the reason is kept for `cohort status`).
    """
    if os.environ.get(ENV_COHORT_SYNC, "").strip().lower() == "off" or not config.joined(ws):
        return None
    try:
        return sync(ws, timeout_s=timeout_s, statement_timeout_s=AUTO_STATEMENT_TIMEOUT_S)
    except Exception as exc:  # a check must never fail because the cohort is unreachable
        if not isinstance(exc, CohortError):
            state = config.load_state(ws)
            state.last_try = utcnow().isoformat()
            state.last_error = f"{type(exc).__name__}: {exc}"
            _save_quietly(ws, state)
        return None


def _save_quietly(ws: Workspace, state: SyncState) -> None:
    with contextlib.suppress(OSError):
        config.save_state(ws, state)


__all__ = ["CohortOffline", "Sent", "Waiting", "auto_sync", "join", "sync", "waiting"]
