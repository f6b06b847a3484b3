"""Batch grading of a class: every submission under a folder, graded over a Dask cluster.

    subs, skipped = find_submissions(root, cur, exercise)
    result = grade_batch(subs, exercise, engine, scheduler=None, workers=None)

Each submission is one Dask task. The client packs the submission's folder (the same files
the grader would copy: workcopy's rules and limits) and ships it with the task, so workers
need no shared file system; a worker unpacks it in a temporary folder and runs
`grading.grader.grade` there, the very function `airoadmap check` runs, so a verdict is the
same alone, in a batch, or on another worker. Nothing is written to the learner's folder or
their own progress store.

Verdicts are written to `cohort_graded` by the client as they arrive (`as_completed`), one
row per (batch, learner, exercise) with INSERT ... ON CONFLICT DO NOTHING. A worker that dies
while grading loses its tasks to the scheduler, which runs them again elsewhere (up to
`ALLOWED_FAILURES` deaths per task on the local cluster): none is lost, and a future yields
its result once, so none is doubled. A task that raises runs `TASK_RETRIES` more times, then
is reported as not graded. A run cut off altogether is finished by running again with its
batch id (`resume`): the learners already in the batch are skipped.

On an external scheduler (`--scheduler`), allowed-failures is that scheduler's setting.
Verdicts are written by the client, so workers need no access to the cohort database.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tarfile
import tempfile
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select

from airoadmap.cohort import db
from airoadmap.cohort.schema import NAME_LEN, GradedSubmission
from airoadmap.errors import GradingError
from airoadmap.results import GradeReport

if TYPE_CHECKING:
    from dask.distributed import Client

    from airoadmap.curriculum.models import Curriculum, Exercise

__all__ = [
    "BatchError",
    "BatchResult",
    "Submission",
    "Verdict",
    "find_submissions",
    "grade_batch",
    "grade_packed",
    "open_cohort_db",
]

WORKSPACE_MARKER = Path(".airoadmap") / "workspace.toml"
COHORT_TOML = Path(".airoadmap") / "cohort.toml"
ALLOWED_FAILURES = 3  # worker deaths a task may see on the local cluster before it is given up
TASK_RETRIES = 1  # a task that raises (a worker's disk full, other checks there) runs once more
CONNECT_TIMEOUT_S = 10
PACK_ROOT = "submission"  # the folder name inside a packed submission


class BatchError(db.CohortError):
    """Batch grading cannot start: no submissions, a bad database URL, no scheduler."""


@dataclass(frozen=True)
class Submission:
    """One learner's work on the exercise: where it is and whose it is."""

    learner: str
    folder: Path  # the folder holding the exercise's files
    relative: str  # that folder relative to the graded DIR (what the database records)
    kind: str  # "workspace" or "folder"


@dataclass(frozen=True)
class Verdict:
    """A graded submission: the grader's report and the worker that made it."""

    submission: Submission
    report: GradeReport
    worker: str
    written: bool  # False when the row was already in the database (a resent result)


@dataclass
class BatchResult:
    """What a batch run did."""

    batch_id: str
    exercise_id: str
    verdicts: list[Verdict] = field(default_factory=list)
    failed: list[tuple[Submission, str]] = field(default_factory=list)  # not graded, and why
    already: list[str] = field(default_factory=list)  # learners graded by an earlier run
    workers: int = 0  # worker processes of the cluster at the start
    wall_s: float = 0.0

    @property
    def per_minute(self) -> float:
        """Submissions graded per minute of wall time."""
        return 60.0 * len(self.verdicts) / self.wall_s if self.wall_s > 0 else 0.0


# -- finding the submissions --------------------------------------------------------------


def find_submissions(
    root: Path, cur: Curriculum, exercise: Exercise
) -> tuple[list[Submission], list[str]]:
    """Every learner's submission of `exercise` in the folders directly under `root`.

    A folder holding `.airoadmap/workspace.toml` is a learner's workspace: the exercise's
    folder inside it is graded. Any other folder holding at least one of the exercise's files
    is a submission folder. The learner is the `learner` of the folder's
    `.airoadmap/cohort.toml` when there is one (their name in the cohort), else the folder's
    name. Returns the submissions (by learner) and the names of the folders skipped.
    """
    from airoadmap.workspace import Workspace

    root = Path(root).expanduser()
    if not root.is_dir():
        raise BatchError(f"{root} is not a folder: give the folder holding one folder per learner.")
    subs: list[Submission] = []
    skipped: list[str] = []
    seen: dict[str, str] = {}
    for child in sorted(root.iterdir()):
        if not child.is_dir() or child.name.startswith((".", "__")):
            continue
        if (child / WORKSPACE_MARKER).is_file():
            folder, kind = Workspace(child.resolve()).exercise_path(cur, exercise), "workspace"
        elif any((child / name).is_file() for name in exercise.files):
            folder, kind = child.resolve(), "folder"
        else:
            skipped.append(child.name)
            continue
        learner = _learner_name(child)
        if learner in seen:
            raise BatchError(
                f"{child} and {root / seen[learner]} are both learner '{learner}': "
                "rename one folder (or fix its .airoadmap/cohort.toml)."
            )
        seen[learner] = child.name
        relative = os.path.relpath(folder, root.resolve())
        subs.append(Submission(learner, folder, relative, kind))
    return subs, skipped


def _learner_name(child: Path) -> str:
    """cohort.toml's learner when the folder has joined a cohort, else the folder's name."""
    name = child.name
    toml = child / COHORT_TOML
    if toml.is_file():
        try:
            data = tomllib.loads(toml.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise BatchError(f"{toml} cannot be read ({exc}): fix or remove it.") from exc
        given = data.get("learner")
        if isinstance(given, str) and given.strip():
            name = given.strip()
    if len(name) > NAME_LEN:
        raise BatchError(
            f"The learner name of {child} is longer than {NAME_LEN} characters: shorten it."
        )
    return name


# -- packing and grading one submission (the Dask task) ----------------------------------


def fingerprint(exercise: Exercise) -> str:
    """sha256 of the exercise's checks and exercise.toml: workers must grade with the same."""
    from airoadmap.curriculum.paths import exercise_dir

    folder = exercise_dir(exercise.id)
    digest = hashlib.sha256()
    for name in (exercise.checks, "exercise.toml"):
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
    return digest.hexdigest()


def pack(folder: Path, files: list[str]) -> bytes:
    """The submission folder as a tar archive, copied by the grader's own rules and limits.

    Raises workcopy.FolderTooBig past the grader's limits (the grader's verdict for such a
    folder is made on the client: see `_grade_here`).
    """
    from airoadmap.grading import workcopy

    with tempfile.TemporaryDirectory(prefix="airoadmap-pack-") as tmp:
        copy = Path(tmp) / PACK_ROOT
        workcopy.copy_folder(folder, copy, keep=files)
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as tar:
            tar.add(copy, arcname=PACK_ROOT)
        return buffer.getvalue()


def grade_packed(exercise_id: str, expected: str, packed: bytes, relative: str) -> dict[str, Any]:
    """The Dask task: unpack a submission in a temporary folder and grade it there.

    Returns the report (as JSON-ready data) and the address of the worker that graded it.
    Raises GradingError when this worker's checks of the exercise differ from the client's.
    """
    from airoadmap import __version__
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.curriculum.paths import exercise_dir
    from airoadmap.grading.grader import grade

    try:
        from distributed import get_worker

        worker = get_worker().address
    except (ImportError, ValueError):
        worker = "local"
    ex = curriculum().exercises.get(exercise_id)
    if ex is None or fingerprint(ex) != expected:
        raise GradingError(
            f"Worker {worker} has other checks for {exercise_id} than the client "
            f"(airoadmap {__version__} there): install the same airoadmap on every worker."
        )
    with tempfile.TemporaryDirectory(prefix="airoadmap-batch-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(packed), mode="r:gz") as tar:
            tar.extractall(tmp, filter="data")
        folder = Path(tmp) / PACK_ROOT
        report = grade(ex, exercise_dir(ex.id), folder)
    data = report.model_dump(mode="json")
    # the temporary folder means nothing to the instructor: name the learner's folder instead
    data["summary"] = data["summary"].replace(str(folder), relative)
    for check in data["checks"]:
        check["message"] = check["message"].replace(str(folder), relative)
    return {"report": data, "worker": worker}


def _grade_here(exercise: Exercise, sub: Submission) -> dict[str, Any]:
    """Grade on the client a folder too big to pack (the grader refuses it without running)."""
    from airoadmap.curriculum.paths import exercise_dir
    from airoadmap.grading.grader import grade

    report = grade(exercise, exercise_dir(exercise.id), sub.folder)
    return {"report": report.model_dump(mode="json"), "worker": "client"}


# -- the cohort database ------------------------------------------------------------------


def open_cohort_db(url: str) -> Engine:
    """An engine on the cohort database at `url`, checked: reachable and set up by
    `airoadmap cohort create` (CohortError, one line with the password hidden, otherwise)."""
    engine = db.connect(url, timeout_s=CONNECT_TIMEOUT_S)
    try:
        with db.guard(url, "read"), engine.connect() as conn:
            db.read_info(conn, url)
    except BaseException:
        engine.dispose()
        raise
    return engine


def graded_learners(engine: Engine, batch_id: str, exercise_id: str) -> set[str]:
    """The learners already graded in batch `batch_id` for the exercise."""
    table = GradedSubmission.__table__
    query = select(table.c.learner).where(
        table.c.batch_id == batch_id, table.c.exercise_id == exercise_id
    )
    with db.guard(engine.url, "read"), engine.connect() as conn:
        return set(conn.scalars(query))


def write_verdict(
    engine: Engine, batch_id: str, sub: Submission, report: GradeReport, worker: str
) -> bool:
    """Store one verdict; False when (batch, learner, exercise) was already there."""
    row = {
        "batch_id": batch_id,
        "learner": sub.learner,
        "exercise_id": report.exercise_id,
        "submission": sub.relative,
        "code_hash": report.code_hash,
        "outcome": report.outcome.value,
        "summary": report.summary,
        "metrics": report.metrics,
        "checks": [c.model_dump(mode="json") for c in report.checks],
        "duration_s": report.duration_s,
        "worker": worker[:255],
        "graded_at": datetime.now(UTC),
    }
    try:
        with db.guard(engine.url, "record a verdict in"), engine.begin() as conn:
            table = GradedSubmission.metadata.tables[GradedSubmission.__tablename__]
            return db.insert_ignore(conn, table, [row]) == 1
    except db.CohortError as exc:
        raise BatchError(f"{exc} Run again with --resume {batch_id} to finish the batch.") from exc


# -- the cluster --------------------------------------------------------------------------


def default_workers(exercise: Exercise) -> int:
    """Worker processes for this machine: one per core, fewer when a check uses threads."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        cores = os.cpu_count() or 1
    per_task = exercise.limits.threads or 1
    return max(1, cores // per_task)


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a new LocalCluster of `workers`
    single-threaded worker processes (closed at the end)."""
    import dask
    from dask.distributed import Client, LocalCluster

    for name in ("distributed", "distributed.nanny", "distributed.scheduler"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as exc:
            raise BatchError(
                f"Cannot reach the Dask scheduler at {scheduler} ({exc}): start it with "
                "`dask scheduler` and its workers with `dask worker ADDRESS --nthreads 1`."
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",  # a free loopback port: never 8787 on all interfaces
            silence_logs=logging.ERROR,
        )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def worker_count(client: Client, scheduler: str | None) -> int:
    """The cluster's worker processes, once there is at least one (BatchError if none come)."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except TimeoutError:
        raise BatchError(
            f"The Dask scheduler at {scheduler} has no workers: start some with "
            f"`dask worker {scheduler} --nthreads 1`."
        ) from None
    return len(client.scheduler_info(n_workers=-1)["workers"])


# -- the batch ----------------------------------------------------------------------------

OnVerdict = Callable[[Verdict | None, int, int], None]  # (verdict or None if failed, done, total)


def check_batch_id(given: str) -> str:
    """The batch id to resume, as a uuid in canonical form (BatchError if it is none)."""
    try:
        return str(uuid.UUID(given))
    except ValueError:
        raise BatchError(
            f"--resume {given}: a batch id is the uuid the cut-off run printed "
            "(e.g. 5f75aa1e-7751-45c5-ab85-b7215c08f5fc)."
        ) from None


def grade_batch(
    subs: list[Submission],
    exercise: Exercise,
    engine: Engine,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    batch_id: str | None = None,
    on_verdict: OnVerdict | None = None,
    client: Client | None = None,
) -> BatchResult:
    """Grade every submission over Dask and record each verdict as it arrives.

    scheduler: a Dask scheduler's address, else a LocalCluster of `workers` processes (default
    `default_workers`). batch_id: resume that batch (its learners already graded are skipped)
    instead of starting a new one. client: an existing Dask client (for tests and benchmarks).
    """
    from dask.distributed import as_completed

    started = time.monotonic()
    resumed = batch_id is not None
    batch_id = batch_id or str(uuid.uuid4())
    result = BatchResult(batch_id=batch_id, exercise_id=exercise.id)
    if resumed:
        batch_id = result.batch_id = check_batch_id(batch_id)
        done = graded_learners(engine, batch_id, exercise.id)
        result.already = sorted(s.learner for s in subs if s.learner in done)
        subs = [s for s in subs if s.learner not in done]
    expected = fingerprint(exercise)
    files = list(exercise.files)
    total = len(subs)

    def record(sub: Submission, data: dict[str, Any]) -> None:
        report = GradeReport(**data["report"])
        written = write_verdict(engine, batch_id, sub, report, data["worker"])
        verdict = Verdict(sub, report, data["worker"], written)
        result.verdicts.append(verdict)
        if on_verdict:
            on_verdict(verdict, len(result.verdicts) + len(result.failed), total)

    def fail(sub: Submission, why: str) -> None:
        result.failed.append((sub, why))
        if on_verdict:
            on_verdict(None, len(result.verdicts) + len(result.failed), total)

    def run(cl: Client) -> None:
        from airoadmap.grading.workcopy import FolderTooBig

        result.workers = worker_count(cl, scheduler)
        window = max(8, 4 * sum(cl.nthreads().values()))  # packed submissions held at once
        waiting = iter(subs)
        owner: dict[Any, Submission] = {}  # future key -> submission
        running = as_completed()

        def submit_next() -> bool:
            for sub in waiting:
                try:
                    packed = pack(sub.folder, files)
                except FolderTooBig:
                    record(sub, _grade_here(exercise, sub))
                    continue
                except OSError as exc:
                    fail(sub, f"could not read {sub.folder}: {exc}")
                    continue
                future = cl.submit(
                    grade_packed,
                    exercise.id,
                    expected,
                    packed,
                    sub.relative,
                    key=f"grade-{sub.learner}-{batch_id}",
                    pure=False,
                    retries=TASK_RETRIES,
                )
                owner[future.key] = sub
                running.add(future)
                return True
            return False

        for _ in range(window):
            if not submit_next():
                break
        for future in running:
            sub = owner.pop(future.key)
            if future.status == "finished":
                record(sub, future.result())
            else:
                exc = future.exception()
                fail(sub, f"{type(exc).__name__}: {exc}")
            future.release()
            submit_next()

    if total:
        if client is not None:
            run(client)
        else:
            with dask_client(scheduler, workers or default_workers(exercise)) as cl:
                run(cl)
    result.wall_s = time.monotonic() - started
    return result
