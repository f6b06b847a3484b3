"""Small helpers of the members' tests: cheap workspaces, local rows, a URL nobody answers."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url

from airoadmap.cohort.schema import CohortAttempt, CohortQuizReview
from airoadmap.progress.store import ProgressStore
from airoadmap.workspace import Workspace
from airoadmap.workspace.workspace import MARKER


def make_ws(root: Path) -> Workspace:
    """A workspace with no exercise folders: all a sync needs (init copies 12 months)."""
    (root / MARKER).parent.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("format_version = 1\n")
    return Workspace(root.resolve())


def record(ws: Workspace, n: int, exercise: str = "m01-katas", outcome: str = "FAIL") -> list[int]:
    """Record n attempts in the workspace's own store; their local ids."""
    with ProgressStore.for_workspace(ws.db_path) as store:
        return [
            store.record_attempt(exercise, outcome, {"score": float(i)}, [], 0.1, f"h{i}")
            for i in range(n)
        ]


def review(ws: Workspace, card: str = "m01-q1", rating: int = 3) -> int:
    """Record one quiz review in the workspace's own store; its local id."""
    now = datetime.now(UTC)
    with ProgressStore.for_workspace(ws.db_path) as store:
        return store.record_quiz_review(card, rating, {"s": 1.0}, now + timedelta(days=1))


def dead_url(like: str) -> str:
    """`like` pointed at a loopback port where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    return make_url(like).set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


def sent(url: str, learner: str | None = None) -> tuple[list[int], list[int]]:
    """The local ids of the attempts and of the quiz reviews in the cohort database, sorted,
    as its owner sees them (a row sent twice would show twice)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            attempts = select(CohortAttempt.local_id)
            reviews = select(CohortQuizReview.local_id)
            if learner is not None:
                attempts = attempts.where(CohortAttempt.learner == learner)
                reviews = reviews.where(CohortQuizReview.learner == learner)
            return sorted(conn.scalars(attempts)), sorted(conn.scalars(reviews))
    finally:
        engine.dispose()
