"""`airoadmap cohort grade`: a simulated class graded over a Dask LocalCluster.

One 2-worker LocalCluster (processes: a test kills a worker) serves the whole module; the
CLI joins it with --scheduler. Verdicts are compared with `grade()` run in this process on
each learner's own folder: the same outcome, summary, checks, messages and code hash.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, func, select
from typer.testing import CliRunner

from airoadmap.cli.app import app
from airoadmap.cohort.schema import GradedSubmission
from tests.cohort.workspaces import EXERCISE, FILE, make_class, submission_text, tree_digest

runner = CliRunner()

# 20 learners: 9 pass, 5 with a bug, 2 syntax errors, 2 untouched starters, 2 more passes as
# workspaces; 8 of them are real workspaces, the rest plain folders.
KINDS = {
    "ada": "pass",
    "ben": "bug0",
    "cy": "pass",
    "dee": "bug1",
    "eli": "syntax",
    "fay": "pass",
    "gus": "bug2",
    "hal": "starter",
    "ivy": "pass",
    "jo": "bug0",
    "kim": "pass",
    "lee": "syntax",
    "max": "pass",
    "ned": "bug1",
    "oli": "starter",
    "pat": "pass",
    "quin": "pass",
    "ros": "pass",
    "sam": "pass",
    "ws-zoe": "pass",
}
WORKSPACES = {"ada", "ben", "eli", "hal", "kim", "pat", "sam", "ws-zoe"}
RENAMED = {"ws-zoe": "zoe"}  # ws-zoe's cohort.toml says she is learner "zoe"


def learner(folder_name: str) -> str:
    return RENAMED.get(folder_name, folder_name)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A 2-worker LocalCluster of processes (so that a worker can be killed)."""
    import dask
    from dask.distributed import LocalCluster

    with pytest.MonkeyPatch.context() as mp:  # the workers inherit the tests' environment
        mp.setenv("AIROADMAP_OFFLINE", "1")
        mp.setenv("AIROADMAP_CACHE_DIR", str(tmp_path_factory.mktemp("worker-cache")))
        # what a killed worker leaves behind lands among the tests' own temporary files
        mp.setenv("TMPDIR", str(tmp_path_factory.mktemp("worker-tmp")))
        mp.delenv("AIROADMAP_WORKSPACE", raising=False)
        mp.delenv("AIROADMAP_DATABASE_URL", raising=False)
        with dask.config.set({"distributed.scheduler.allowed-failures": 3}):
            cluster = LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",  # a free loopback port, never 8787
                silence_logs=logging.ERROR,
            )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_class(tmp_path_factory.mktemp("cohort") / "class", KINDS, WORKSPACES)
    (root / "ws-zoe" / ".airoadmap" / "cohort.toml").write_text(
        'url = "sqlite:///nowhere.db"\nlearner = "zoe"\n', encoding="utf-8"
    )
    (root / "notes").mkdir()  # not a submission: skipped
    return root


def grade_alone(root: Path, kinds: dict[str, str], workspaces: set[str]) -> dict[str, Any]:
    """Each learner's verdict from grade() in this process, on their own folder."""
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.curriculum.paths import exercise_dir
    from airoadmap.grading.grader import grade

    ex = curriculum().exercises[EXERCISE]
    verdicts = {}
    for name in kinds:
        folder = _exercise_folder(root / name) if name in workspaces else root / name
        verdicts[learner(name)] = grade(ex, exercise_dir(EXERCISE), folder).model_dump(mode="json")
    return verdicts


@pytest.fixture(scope="module")
def single(classroom: Path) -> dict[str, dict[str, Any]]:
    return grade_alone(classroom, KINDS, WORKSPACES)


def cohort_db(url: str) -> str:
    """Set up a cohort at `url` as `airoadmap cohort create` does."""
    from airoadmap.cohort import db

    db.create(url, name="batch tests")
    return url


def rows(url: str) -> list[Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(GradedSubmission.__table__)))
    finally:
        engine.dispose()


def grade_cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["cohort", "grade", *args])
    return result.exit_code, result.output


def same_verdict(row: Any, expected: dict[str, Any]) -> None:
    assert row.outcome == expected["outcome"], row.learner
    assert row.summary == expected["summary"], row.learner
    assert row.code_hash == expected["code_hash"]
    assert row.metrics == expected["metrics"]
    keys = ("name", "outcome", "message", "hint")
    assert [{k: c[k] for k in keys} for c in row.checks] == [
        {k: c[k] for k in keys} for c in expected["checks"]
    ], row.learner


@pytest.mark.slow  # a Dask cluster and the sandbox: seconds each
def test_the_class_graded_over_dask_equals_single_grading(
    scheduler: str, classroom: Path, single: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    url = cohort_db(f"sqlite:///{tmp_path / 'cohort.db'}")
    before = tree_digest(classroom)
    code, out = grade_cli(
        str(classroom), "--exercise", EXERCISE, "--db", url, "--scheduler", scheduler
    )
    assert code == 0, out
    assert "20 graded" in out and "Skipped 1 folders" in out and "notes" in out
    got = rows(url)
    assert sorted(r.learner for r in got) == sorted(single)  # each learner once, zoe renamed
    assert len({r.batch_id for r in got}) == 1
    for row in got:
        same_verdict(row, single[row.learner])
    outcomes = {r.learner: r.outcome for r in got}
    assert outcomes["ben"] == "FAIL" and outcomes["eli"] == "ERROR"
    assert outcomes["hal"] == "NOT_ATTEMPTED" and outcomes["zoe"] == "PASS"
    by = {r.learner: r for r in got}
    assert by["ada"].submission == os.path.relpath(_exercise_folder(classroom / "ada"), classroom)
    assert by["cy"].submission == "cy"
    assert {r.worker for r in got} <= set(_worker_pids(scheduler))
    # nothing written to the learners' folders, nor their own progress
    assert tree_digest(classroom) == before
    assert not list(classroom.glob("*/.airoadmap/progress.db"))


def _exercise_folder(ws: Path) -> Path:
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.workspace import Workspace

    cur = curriculum()
    return Workspace(ws.resolve()).exercise_path(cur, cur.exercises[EXERCISE])


def _worker_pids(scheduler: str) -> dict[str, int]:
    from dask.distributed import Client

    with Client(scheduler, timeout=30) as client:
        client.wait_for_workers(2, timeout=60)
        return client.run(os.getpid)


@pytest.mark.slow  # a Dask cluster and the sandbox: seconds each
def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(
    scheduler: str, tmp_path: Path
) -> None:
    kinds = {
        "a-sleeper": "sleep2",
        "b": "pass",
        "c": "bug0",
        "d": "pass",
        "e": "starter",
        "f": "bug2",
        "g": "pass",
    }
    root = make_class(tmp_path / "class", kinds)
    url = cohort_db(f"sqlite:///{tmp_path / 'cohort.db'}")
    pids = _worker_pids(scheduler)
    killed: dict[str, str] = {}

    def kill_the_sleepers_worker() -> None:
        from dask.distributed import Client

        with Client(scheduler, timeout=30) as client:
            for _ in range(1200):  # up to 60 s: the sleeper's task is the first submitted
                for address, keys in client.processing().items():
                    if any(str(k).startswith("grade-a-sleeper-") for k in keys):
                        time.sleep(0.5)  # inside its 2 s of sleep (after the sandbox starts)
                        os.kill(pids[address], signal.SIGKILL)
                        killed["address"] = address
                        return
                time.sleep(0.05)

    watcher = threading.Thread(target=kill_the_sleepers_worker)
    watcher.start()
    code, out = grade_cli(str(root), "--exercise", EXERCISE, "--db", url, "--scheduler", scheduler)
    watcher.join()
    assert killed, "the sleeper's task was never seen running: nothing was killed"
    assert code == 0, out
    got = rows(url)
    assert sorted(r.learner for r in got) == sorted(kinds)  # none lost, none doubled
    by = {r.learner: r for r in got}
    assert by["a-sleeper"].outcome == "PASS"
    assert by["a-sleeper"].worker != killed["address"]  # regraded on another worker
    assert by["c"].outcome == "FAIL" and by["e"].outcome == "NOT_ATTEMPTED"
    _worker_pids(scheduler)  # the nanny restarts the killed worker: 2 again for what follows


@pytest.mark.slow  # a Dask cluster and the sandbox: seconds each
def test_postgresql_resume_regrades_only_the_missing_and_never_doubles(
    scheduler: str, tmp_path: Path, pg_url: str
) -> None:
    import uuid

    from airoadmap.cohort import batch
    from airoadmap.cohort import db as cohort_db_module
    from airoadmap.results import GradeReport

    kinds = {"ada": "pass", "ben": "bug1", "cy": "syntax", "dee": "starter", "ws-zoe": "pass"}
    root = make_class(tmp_path / "class", kinds, {"ws-zoe"})
    (root / "ws-zoe" / ".airoadmap" / "cohort.toml").write_text('learner = "zoe"\n')
    alone = grade_alone(root, kinds, {"ws-zoe"})
    owner = cohort_db(pg_url)
    # the instructor grades with their own role: row security lets them write every verdict
    url = cohort_db_module.add_member(
        owner, f"teacher_{uuid.uuid4().hex[:8]}", kind="instructor"
    ).url
    code, out = grade_cli(str(root), "--exercise", EXERCISE, "--db", url, "--scheduler", scheduler)
    assert code == 0, out
    got = rows(url)
    assert sorted(r.learner for r in got) == sorted(alone)
    batch_id = got[0].batch_id
    table = GradedSubmission.__table__
    engine = create_engine(url)
    try:
        with engine.begin() as conn:  # as if the run had been cut off before these two
            conn.execute(delete(table).where(table.c.learner.in_(["ben", "zoe"])))
        code, out = grade_cli(
            str(root), "--exercise", EXERCISE, "--db", url, "--scheduler", scheduler,
            "--resume", batch_id,
        )  # fmt: skip
        assert code == 0, out
        assert "2 graded" in out and "3 already recorded" in out
        got = rows(url)
        assert sorted(r.learner for r in got) == sorted(alone)
        for row in got:
            same_verdict(row, alone[row.learner])
        # a verdict written again (a resent result) adds nothing
        db = batch.open_cohort_db(url)
        sub = batch.Submission("ben", root / "ben", "ben", "folder")
        report = GradeReport(**alone["ben"])
        assert batch.write_verdict(db, batch_id, sub, report, "tcp://x:1") is False
        db.dispose()
        with engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(table)) == len(alone)
    finally:
        engine.dispose()


@pytest.fixture()
def one_learner(tmp_path: Path) -> Path:
    return make_class(tmp_path / "class", {"ada": "pass"})


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("unknown exercise", "Unknown exercise 'm01-kata'"),
        ("no submissions", "No submissions of m01-katas"),
        ("not a folder", "is not a folder"),
        ("no database file", "No cohort database at"),
        ("no cohort tables", "holds no cohort"),
        ("not a URL", "is not a database URL"),
        ("closed port", "cannot be reached"),
        ("same learner twice", "are both learner 'ada'"),
        ("not a batch id", "a batch id is the uuid"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    case: str, says: str, one_learner: Path, tmp_path: Path
) -> None:
    folder, exercise = one_learner, EXERCISE
    url = cohort_db(f"sqlite:///{tmp_path / 'cohort.db'}")
    if case == "unknown exercise":
        exercise = "m01-kata"
    elif case == "no submissions":
        folder = tmp_path / "empty"
        (folder / "notes").mkdir(parents=True)
    elif case == "not a folder":
        folder = tmp_path / "missing"
    elif case == "no database file":
        url = f"sqlite:///{tmp_path / 'nothing.db'}"
    elif case == "no cohort tables":
        url = f"sqlite:///{tmp_path / 'other.db'}"
        create_engine(url).connect().close()  # a database, but no cohort in it
    elif case == "not a URL":
        url = "cohort.db"
    elif case == "closed port":
        url = "postgresql+psycopg://teacher:s3cret@127.0.0.1:9/cohort"
    elif case == "same learner twice":
        twin = folder / "ada-again"
        twin.mkdir()
        (twin / FILE).write_text(submission_text("pass"), encoding="utf-8")
        (twin / ".airoadmap").mkdir()
        (twin / ".airoadmap" / "cohort.toml").write_text('learner = "ada"\n', encoding="utf-8")
    extra = ["--resume", "yesterday"] if case == "not a batch id" else []
    code, out = grade_cli(str(folder), "--exercise", exercise, "--db", url, *extra)
    assert code == 1, out
    assert says in out
    assert out.strip().startswith("error:") and "Traceback" not in out
    assert "s3cret" not in out  # the password is never printed


def test_a_worker_with_other_checks_refuses_to_grade(one_learner: Path) -> None:
    from airoadmap.cohort.batch import grade_packed, pack
    from airoadmap.errors import GradingError

    packed = pack(one_learner / "ada", [FILE])
    with pytest.raises(GradingError, match="same airoadmap on every worker"):
        grade_packed(EXERCISE, "0" * 64, packed, "ada")


def _numbers(data: Any) -> Iterator[float]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _numbers(value)
    elif isinstance(data, list):
        for value in data:
            yield from _numbers(value)
    elif isinstance(data, int | float) and not isinstance(data, bool):
        yield float(data)


def test_the_scale_page_quotes_only_the_benchmarks_figures() -> None:
    """docs/SCALE.md: every number (outside code) is one of benchmarks/results/cohort.json's,
    as written there or rounded to the places the page shows."""
    import json
    import re

    root = Path(__file__).resolve().parents[2]
    page = re.sub(r"`[^`]*`", "", (root / "docs" / "SCALE.md").read_text(encoding="utf-8"))
    measured = list(_numbers(json.loads((root / "benchmarks/results/cohort.json").read_text())))
    number = r"(?<![\w.-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w-])"
    unknown = []
    for token in re.findall(number, page):
        value = float(token.replace(",", ""))
        places = len(token.split(".")[1]) if "." in token else 0
        if not any(round(x, places) == value for x in measured):
            unknown.append(token)
    assert not unknown, f"numbers in docs/SCALE.md not in cohort.json: {unknown}"
