"""A workspace with passed, failed and untried exercises, and the portfolio built from it.

State (built once per session, read-only for the tests that share it):
- m03-linreg: the reference solution, graded for real in the sandbox: PASS, files unchanged;
  one hint taken; a complete run with figures and a newer unfinished run.
- m01-katas: a PASS recorded with the real code hash of the solution, then the file edited:
  "modified since it passed".
- m03-gradients: a wrong file, graded for real: FAIL; it also has a run with a figure.
- m04-metrics: NOT_ATTEMPTED.
"""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from airoadmap.checking import check_exercise
from airoadmap.curriculum.loader import curriculum, exercise_dir
from airoadmap.grading.workcopy import code_hash
from airoadmap.portfolio import BuildResult, build_portfolio
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.workspace import Workspace

PASSED = ("m01-katas", "m03-linreg")
NOT_PASSED = ("m03-gradients", "m04-metrics")
BUILT_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def png(width: int, height: int, seed: int = 0) -> bytes:
    """A small valid RGB PNG with a colour gradient (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            row += bytes(((x * 255) // width, (y * 255) // height, (seed * 70) % 256))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Built:
    """The shared workspace and the site built from it."""

    ws: Workspace
    out: Path
    result: BuildResult
    linreg_hash: str  # the code hash recorded with m03-linreg's pass
    katas_hash: str  # the code hash recorded with m01-katas's pass (the file changed since)


def learner_path(ws: Workspace, exercise_id: str, name: str) -> Path:
    cur = curriculum()
    return ws.exercise_path(cur, cur.exercises[exercise_id]) / name


def make_workspace(root: Path) -> Workspace:
    """The workspace described in this module's docstring."""
    cur = curriculum()
    Workspace.init(root, cur)
    ws = Workspace(root.resolve())

    linreg = learner_path(ws, "m03-linreg", "linreg.py")
    shutil.copyfile(exercise_dir("m03-linreg") / "solution" / "linreg.py", linreg)
    report = check_exercise("m03-linreg", ws=ws)
    assert report.outcome == Outcome.PASS, report.summary

    learner_path(ws, "m03-gradients", "gradients.py").write_text(
        "def mse_loss(w, b, X, y):\n    return 0.0\n", encoding="utf-8"
    )
    assert check_exercise("m03-gradients", ws=ws).outcome == Outcome.FAIL

    katas = learner_path(ws, "m01-katas", "katas.py")
    shutil.copyfile(exercise_dir("m01-katas") / "solution" / "katas.py", katas)
    katas_hash = code_hash(katas.parent, ["katas.py"])
    with ProgressStore.for_workspace(ws.db_path) as store:
        store.record_attempt(
            "m01-katas",
            Outcome.PASS,
            checks=[{"name": "is_palindrome ignores case", "outcome": "PASS", "metrics": {}}],
            code_hash=katas_hash,
        )
        store.record_attempt("m04-metrics", Outcome.NOT_ATTEMPTED, code_hash="x")
        store.record_hint("m03-linreg", "general", 1)
    katas.write_text(katas.read_text(encoding="utf-8") + "\n# changed after passing\n")

    runs = ws.runs_dir / "m03-linreg"
    done = runs / "20260105-101500"
    done.mkdir(parents=True)
    (done / "metrics.json").write_text(json.dumps({"r2": 0.9}))
    (done / "predicted_vs_actual.png").write_bytes(png(96, 64, seed=1))
    (done / "loss curve.png").write_bytes(png(160, 60, seed=2))
    (done / "not_a_picture.png").write_text("<script>alert(1)</script>")
    outside = root.parent / "secret.png"
    outside.write_bytes(png(8, 8, seed=3))
    (done / "linked.png").symlink_to(outside)
    unfinished = runs / "20260106-120000"  # newer, but no metrics.json: it did not finish
    unfinished.mkdir()
    (unfinished / "half.png").write_bytes(png(8, 8, seed=4))
    failed_run = ws.runs_dir / "m03-gradients" / "20260105-101500"
    failed_run.mkdir(parents=True)
    (failed_run / "metrics.json").write_text("{}")
    (failed_run / "gradient_check.png").write_bytes(png(8, 8, seed=5))
    return ws


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    base = tmp_path_factory.mktemp("portfolio")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("AIROADMAP_DATABASE_URL", raising=False)
        mp.delenv("AIROADMAP_WORKSPACE", raising=False)
        ws = make_workspace(base / "ws")
        out = base / "site"
        result = build_portfolio(ws, out, owner="Ada Lovelace", now=BUILT_AT)
        with ProgressStore.for_workspace(ws.db_path) as store:
            linreg_hash = store.attempts("m03-linreg")[-1].code_hash
            katas_hash = store.attempts("m01-katas")[-1].code_hash
        yield Built(ws, out, result, linreg_hash, katas_hash)
