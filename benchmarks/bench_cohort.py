"""Cohort scale: batch grading throughput over Dask, and the cohort database's write rate.

1. Grading: `cohort.batch.grade_batch` on a LocalCluster of 1, then 2 single-threaded worker
   processes (the same code as `airoadmap cohort grade`: submissions packed by the client,
   graded in the sandbox on the workers, each verdict written to a SQLite cohort database as
   it arrives). Two exercises: m01-katas (the cheapest: sandbox and harness overhead) and
   m03-linreg (a typical NumPy exercise). Workers are warmed up (imports) before the clock
   starts; the cluster's start is timed apart. Submissions graded per minute, per worker,
   and the 2-worker / 1-worker ratio.
2. Database writes for 1,000 simulated learners, on SQLite and on PostgreSQL (a throwaway
   server started like tests/pgserver.py's, but durable: fsync and synchronous_commit on).
   Each learner syncs as `cohort.sync` does (a new connection, read the cohort's facts and
   the local ids already sent, INSERT ... ON CONFLICT DO NOTHING in one transaction): first a
   week of work (ATTEMPTS_PER_SYNC attempts whose metrics and checks are real grade reports
   from part 1, and REVIEWS_PER_SYNC quiz reviews), then one attempt (the sync after a
   `check`); one client process, then CLIENTS processes at once. Rows per second into
   cohort_attempts, syncs per second, the bytes a row takes on disk (table + indexes), and
   the batch's verdict writes per second.
3. Projections for 10,000 learners from those figures and the assumptions below (written to
   the results with the figures they use; docs/SCALE.md quotes them).

Writes benchmarks/results/cohort.{json,md}. Takes about 3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests/ (the throwaway PostgreSQL, the simulated class)

GRADED = {"m01-katas": 40, "m03-linreg": 12}  # submissions per run
WORKERS = (1, 2)
LEARNERS = 1_000
ATTEMPTS_PER_SYNC = 20  # a week of checks, sent at once (a learner back online)
REVIEWS_PER_SYNC = 10
CLIENTS = 4  # client processes syncing at once in the concurrent run
VERDICTS = 300  # verdict rows written one transaction each, as the batch client does

# Assumptions of the projections (not measured: change them and rerun)
PROJECT_LEARNERS = 10_000
ATTEMPTS_PER_EXERCISE = 10  # checks a learner runs on one exercise before moving on
REVIEWS_PER_CARD_YEAR = 6  # quiz reviews per card in a year of spaced repetition
BUSY_HOUR_SHARE = 0.05  # share of a week's syncs in its busiest hour (8x the average hour)
DEADLINE_WINDOW_H = 1.0  # batch grading of a weekly deadline should finish within this
SUBMISSIONS_PER_LEARNER_DEADLINE = 1  # one exercise due per learner per weekly deadline
NODE_CORES = 16  # cores of one grading node in the projection
PG_MAX_CONNECTIONS = 100  # PostgreSQL's default max_connections


# -- machine ------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    from airoadmap.lab.machine import cpu_name

    return {
        "cpu": cpu_name(),
        "cores": len(os.sched_getaffinity(0)),
        "system": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
    }


def load() -> float:
    return round(os.getloadavg()[0], 2)


# -- 1. grading ---------------------------------------------------------------------------


def _submissions(root: Path, exercise_id: str, n: int) -> None:
    """n learner folders: the solution, and (m01-katas) one in four with a bug."""
    from tests.cohort.workspaces import make_class

    from airoadmap.curriculum.loader import curriculum
    from airoadmap.curriculum.paths import exercise_dir

    if exercise_id == "m01-katas":
        kinds = {f"l{i:04d}": ("bug0" if i % 4 == 3 else "pass") for i in range(n)}
        make_class(root, kinds)
        return
    ex = curriculum().exercises[exercise_id]
    for i in range(n):
        folder = root / f"l{i:04d}"
        folder.mkdir(parents=True)
        for name in ex.files:
            source = exercise_dir(exercise_id) / "solution" / name
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8") + f"\n# learner {i}\n"  # own code hash
            (folder / name).write_text(text, encoding="utf-8")


def _warm(client: Any) -> None:
    def imports() -> None:
        from airoadmap.curriculum.loader import curriculum
        from airoadmap.grading import grader  # noqa: F401

        curriculum()

    client.run(imports)


def grading(tmp: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Throughput rows, and the JSON reports graded (the payloads of part 2)."""
    from airoadmap.cohort import batch, db
    from airoadmap.curriculum.loader import curriculum

    cur = curriculum()
    rows: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    for exercise_id, n in GRADED.items():
        ex = cur.exercises[exercise_id]
        root = tmp / exercise_id
        _submissions(root, exercise_id, n)
        subs, _ = batch.find_submissions(root, cur, ex)
        for workers in WORKERS:
            url = f"sqlite:///{tmp / f'grade-{exercise_id}-{workers}.db'}"
            db.create(url, name="bench")
            engine = batch.open_cohort_db(url)
            load_before = load()
            t0 = time.perf_counter()
            with batch.dask_client(None, workers) as client:
                start_s = time.perf_counter() - t0
                _warm(client)
                cpu0 = _cpu_of_tree()
                result = batch.grade_batch(subs, ex, engine, client=client)
                cpu_s = _cpu_of_tree() - cpu0
            engine.dispose()
            assert not result.failed, result.failed
            assert len(result.verdicts) == n
            if workers == WORKERS[0]:
                reports += [v.report.model_dump(mode="json") for v in result.verdicts]
            durations = [v.report.duration_s for v in result.verdicts]
            outcomes = {v.report.outcome.value for v in result.verdicts}
            rows.append(
                {
                    "exercise": exercise_id,
                    "workers": workers,
                    "submissions": n,
                    "outcomes": sorted(outcomes),
                    "cluster_start_s": round(start_s, 2),
                    "wall_s": round(result.wall_s, 2),
                    "per_minute": round(result.per_minute, 1),
                    "per_worker_minute": round(result.per_minute / workers, 1),
                    "median_grade_s": round(statistics.median(durations), 3),
                    "cpu_s_per_submission": round(cpu_s / n, 3),
                    "load_before": load_before,
                }
            )
            print(json.dumps(rows[-1]), flush=True)
        one = next(r for r in rows if r["exercise"] == exercise_id and r["workers"] == 1)
        two = next(r for r in rows if r["exercise"] == exercise_id and r["workers"] == 2)
        two["ratio_to_1_worker"] = round(two["per_minute"] / one["per_minute"], 2)
    return rows, reports


def _cpu_of_tree() -> float:
    """CPU seconds of this process and every descendant, finished or running (Linux /proc)."""
    children = os.times()
    total = children.user + children.system + children.children_user + children.children_system
    me = os.getpid()
    running = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        if pid != me and _descends(pid, me):
            ticks = sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
            running += ticks / os.sysconf("SC_CLK_TCK")
    return total + running


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(text.rsplit(")", 1)[1].split()[1])
        if pid == ancestor:
            return True
    return False


# -- 2. database writes -------------------------------------------------------------------


@contextmanager
def durable_postgres() -> Iterator[str | None]:
    """A throwaway PostgreSQL (tests/pgserver.py's) with fsync and synchronous commits on,
    like a real server; None where PostgreSQL is not installed."""
    from tests import pgserver

    bindir = pgserver.apt_bindir()
    if bindir is None:
        yield None
        return
    with pgserver.apt_server(bindir, durable=True) as server:
        yield server.new_database()


def _rows_for(learner: str, uid: str, first_id: int, n: int, payloads: list[dict[str, Any]],
              now: datetime) -> list[dict[str, Any]]:  # fmt: skip
    rows = []
    for k in range(n):
        report = payloads[(first_id + k) % len(payloads)]
        rows.append(
            {
                "learner": learner,
                "workspace_uid": uid,
                "local_id": first_id + k,
                "exercise_id": report["exercise_id"],
                "outcome": report["outcome"],
                "metrics": report["metrics"],
                "checks": report["checks"],
                "duration_s": report["duration_s"],
                "code_hash": report["code_hash"],
                "created_at": now - timedelta(minutes=n - k),
                "received_at": now,
            }
        )
    return rows


def sync_like(url: str, learner: str, uid: str, attempts: list[dict[str, Any]],
              reviews: list[dict[str, Any]]) -> int:  # fmt: skip
    """One learner's sync, the database side of `cohort.sync` (its shape, not its code, which
    reads a workspace): a new connection, the cohort's facts, the learner's rows already sent,
    then the new rows inserted (ON CONFLICT DO NOTHING) in one transaction."""
    from sqlalchemy import select

    from airoadmap.cohort import db

    engine = db.connect(url)
    try:
        with db.guard(url, "send to"), engine.begin() as conn:
            db.read_info(conn, url)
            sent_ids = {}
            for table in (db.ATTEMPTS, db.REVIEWS):
                query = select(table.c.workspace_uid, table.c.local_id).where(
                    table.c.learner == learner
                )
                sent_ids[table.name] = {i for u, i in conn.execute(query) if u == uid}
            new = [a for a in attempts if a["local_id"] not in sent_ids["cohort_attempts"]]
            fresh = [r for r in reviews if r["local_id"] not in sent_ids["cohort_quiz_reviews"]]
            sent = db.insert_ignore(conn, db.ATTEMPTS, new)
            db.insert_ignore(conn, db.REVIEWS, fresh)
    finally:
        engine.dispose()
    return sent


def learners_sync(url: str, names: list[str], first_id: int, n_attempts: int, n_reviews: int,
                  payloads: list[dict[str, Any]]) -> tuple[int, list[float]]:  # fmt: skip
    """Sync each learner once (n_attempts new attempts, n_reviews reviews); rows and the
    seconds each sync took."""
    now = datetime.now(UTC)
    sent = 0
    seconds = []
    for name in names:
        uid = str(uuid.uuid5(uuid.NAMESPACE_URL, name))
        attempts = _rows_for(name, uid, first_id, n_attempts, payloads, now)
        reviews = [
            {"learner": name, "workspace_uid": uid, "local_id": first_id + k,
             "card_id": f"m{1 + k % 12:02d}-card-{k}", "rating": 3, "reviewed_at": now,
             "due": now + timedelta(days=3)}
            for k in range(n_reviews)
        ]  # fmt: skip
        t0 = time.perf_counter()
        sent += sync_like(url, name, uid, attempts, reviews)
        seconds.append(time.perf_counter() - t0)
    return sent, seconds


def _row_bytes(url: str) -> dict[str, float]:
    """Bytes on disk per row (table, its indexes and TOAST) of the two synced tables."""
    from sqlalchemy import create_engine, func, select, text

    from airoadmap.cohort import db

    engine = create_engine(url)
    out = {}
    try:
        with engine.connect() as conn:
            for table in (db.ATTEMPTS, db.REVIEWS):
                count = conn.scalar(select(func.count()).select_from(table)) or 1
                if engine.dialect.name == "postgresql":
                    size = conn.scalar(text(f"SELECT pg_total_relation_size('{table.name}')"))
                else:
                    names = (
                        [table.name]
                        + [i.name for i in table.indexes]
                        + [f"sqlite_autoindex_{table.name}_1"]
                    )
                    listed = ",".join(f"'{n}'" for n in names)
                    query = f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({listed})"
                    size = conn.scalar(text(query))
                out[table.name] = round(float(size or 0) / count, 1)
    finally:
        engine.dispose()
    return out


def verdict_writes(url: str, reports: list[dict[str, Any]]) -> float:
    """Verdict rows written per second, one transaction each (as the batch client does)."""
    from airoadmap.cohort import batch
    from airoadmap.results import GradeReport

    engine = batch.open_cohort_db(url)
    batch_id = str(uuid.uuid4())
    t0 = time.perf_counter()
    for i in range(VERDICTS):
        sub = batch.Submission(f"v{i:05d}", Path("."), f"v{i:05d}", "folder")
        report = GradeReport(**reports[i % len(reports)])
        assert batch.write_verdict(engine, batch_id, sub, report, "tcp://bench:1")
    rate = VERDICTS / (time.perf_counter() - t0)
    engine.dispose()
    return round(rate, 1)


def writes(url: str, label: str, payloads: list[dict[str, Any]]) -> dict[str, Any]:
    from sqlalchemy import create_engine, func, select

    from airoadmap.cohort import db

    db.create(url, name="bench")
    names = [f"learner{i:05d}" for i in range(LEARNERS)]
    result: dict[str, Any] = {"database": label, "learners": LEARNERS}
    # one client: a week of work each, then one attempt each
    t0 = time.perf_counter()
    sent, seconds = learners_sync(url, names, 1, ATTEMPTS_PER_SYNC, REVIEWS_PER_SYNC, payloads)
    wall = time.perf_counter() - t0
    assert sent == LEARNERS * ATTEMPTS_PER_SYNC, sent
    result["week_sync_1_client"] = {
        "syncs": LEARNERS,
        "attempt_rows": sent,
        "review_rows": LEARNERS * REVIEWS_PER_SYNC,
        "wall_s": round(wall, 2),
        "attempt_rows_per_s": round(sent / wall, 1),
        "syncs_per_s": round(LEARNERS / wall, 1),
        "median_sync_ms": round(1000 * statistics.median(seconds), 2),
    }
    t0 = time.perf_counter()
    sent, seconds = learners_sync(url, names, 1 + ATTEMPTS_PER_SYNC, 1, 0, payloads)
    wall = time.perf_counter() - t0
    assert sent == LEARNERS, sent
    result["check_sync_1_client"] = {
        "syncs": LEARNERS,
        "attempt_rows": sent,
        "wall_s": round(wall, 2),
        "attempt_rows_per_s": round(sent / wall, 1),
        "syncs_per_s": round(LEARNERS / wall, 1),
        "median_sync_ms": round(1000 * statistics.median(seconds), 2),
        "p90_sync_ms": round(1000 * sorted(seconds)[int(0.9 * len(seconds))], 2),
    }
    # CLIENTS processes at once: new learners, a week of work each
    others = [f"other{i:05d}" for i in range(LEARNERS)]
    parts = [others[k::CLIENTS] for k in range(CLIENTS)]
    with ProcessPoolExecutor(CLIENTS, mp_context=get_context("spawn")) as pool:
        list(pool.map(_noop, range(CLIENTS)))  # start the processes before the clock
        t0 = time.perf_counter()
        done = list(
            pool.map(
                learners_sync,
                [url] * CLIENTS, parts, [1] * CLIENTS, [ATTEMPTS_PER_SYNC] * CLIENTS,
                [REVIEWS_PER_SYNC] * CLIENTS, [payloads] * CLIENTS,
            )
        )  # fmt: skip
        wall = time.perf_counter() - t0
    sent = sum(d[0] for d in done)
    assert sent == LEARNERS * ATTEMPTS_PER_SYNC, sent
    result[f"week_sync_{CLIENTS}_clients"] = {
        "syncs": LEARNERS,
        "attempt_rows": sent,
        "wall_s": round(wall, 2),
        "attempt_rows_per_s": round(sent / wall, 1),
        "syncs_per_s": round(LEARNERS / wall, 1),
        "median_sync_ms": round(1000 * statistics.median(s for d in done for s in d[1]), 2),
    }
    engine = create_engine(url)
    with engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(db.ATTEMPTS))
    engine.dispose()
    assert total == 2 * LEARNERS * ATTEMPTS_PER_SYNC + LEARNERS, total  # nothing lost or doubled
    result["attempt_rows_total"] = total
    result["bytes_per_row"] = _row_bytes(url)
    result["verdict_writes_per_s"] = verdict_writes(url, payloads)
    print(json.dumps(result), flush=True)
    return result


def _noop(_: int) -> None:
    import airoadmap.cohort.sync  # noqa: F401  (imports done before the clock starts)


# -- 3. projections -----------------------------------------------------------------------


def projections(grade_rows: list[dict[str, Any]], dbs: list[dict[str, Any]]) -> dict[str, Any]:
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.quiz.loader import all_cards

    cur = curriculum()
    exercises = len(cur.exercises)
    cards = len(all_cards())
    limits = sorted(e.limits.timeout_s for e in cur.exercises.values())
    attempts_year = exercises * ATTEMPTS_PER_EXERCISE
    reviews_year = cards * REVIEWS_PER_CARD_YEAR
    out: dict[str, Any] = {
        "learners": PROJECT_LEARNERS,
        "assumptions": {
            "attempts_per_exercise": ATTEMPTS_PER_EXERCISE,
            "reviews_per_card_year": REVIEWS_PER_CARD_YEAR,
            "busy_hour_share_of_week": BUSY_HOUR_SHARE,
            "deadline_window_h": DEADLINE_WINDOW_H,
            "submissions_per_learner_deadline": SUBMISSIONS_PER_LEARNER_DEADLINE,
            "node_cores": NODE_CORES,
            "pg_max_connections": PG_MAX_CONNECTIONS,
        },
        "curriculum": {
            "exercises": exercises,
            "quiz_cards": cards,
            "median_time_limit_s": statistics.median(limits),
            "max_time_limit_s": max(limits),
        },
        "attempts_per_learner_year": attempts_year,
        "reviews_per_learner_year": reviews_year,
    }
    syncs_week = PROJECT_LEARNERS * attempts_year / 52  # one sync after each check
    busy_rate = syncs_week * BUSY_HOUR_SHARE / 3600
    out["syncs_per_week"] = round(syncs_week)
    out["busy_hour_syncs_per_s"] = round(busy_rate, 2)
    per_db = {}
    for d in dbs:
        b = d["bytes_per_row"]
        size = PROJECT_LEARNERS * (attempts_year * b["cohort_attempts"]
                                   + reviews_year * b["cohort_quiz_reviews"])  # fmt: skip
        sync = d["check_sync_1_client"]
        per_db[d["database"]] = {
            "size_gb_per_year": round(size / 1e9, 2),
            "busy_hour_concurrent_syncs": round(busy_rate * sync["median_sync_ms"] / 1000, 2),
            "busy_hour_load_share_of_1_client": round(busy_rate / sync["syncs_per_s"], 3),
            # how many learners the sync rate measured here would carry in the busiest hour
            "learners_at_measured_sync_rate": round(PROJECT_LEARNERS * best_rate(d) / busy_rate),
        }
    out["database"] = per_db
    submissions = PROJECT_LEARNERS * SUBMISSIONS_PER_LEARNER_DEADLINE
    window_s = DEADLINE_WINDOW_H * 3600
    grading = {}
    for row in grade_rows:
        if row["workers"] != 1:
            continue
        core_s = 60.0 / row["per_worker_minute"]  # wall seconds a submission holds one worker
        core_hours = submissions * core_s / 3600
        cpu_core_hours = submissions * row["cpu_s_per_submission"] / 3600
        grading[row["exercise"]] = {
            "seconds_per_submission_per_core": round(core_s, 3),
            "core_hours_per_deadline": round(core_hours, 2),
            # the CPU time a submission cost (client, scheduler, worker, sandbox): what an
            # unshared core would take, where the wall figure carries this machine's load
            "cpu_s_per_submission": row["cpu_s_per_submission"],
            "cpu_core_hours_per_deadline": round(cpu_core_hours, 2),
            "nodes_for_window_by_cpu": max(
                1, math.ceil(cpu_core_hours / (NODE_CORES * DEADLINE_WINDOW_H))
            ),
            "nodes_for_window": max(1, math.ceil(submissions * core_s / (NODE_CORES * window_s))),
            "minutes_on_one_node": round(submissions * core_s / NODE_CORES / 60, 1),
        }  # fmt: skip
    worst = statistics.median(limits)
    grading["every submission at the median time limit"] = {
        "seconds_per_submission_per_core": worst,
        "core_hours_per_deadline": round(submissions * worst / 3600, 1),
        "nodes_for_window": math.ceil(submissions * worst / (NODE_CORES * window_s)),
        "minutes_on_one_node": round(submissions * worst / NODE_CORES / 60, 1),
    }
    out["grading"] = grading
    # the batch client writes each verdict in its own transaction: past this many workers
    # grading an exercise, verdicts arrive faster than the client can record them
    out["workers_until_verdict_writes_limit"] = {
        d["database"]: {
            row["exercise"]: round(d["verdict_writes_per_s"] * 60 / row["per_worker_minute"])
            for row in grade_rows
            if row["workers"] == 1
        }
        for d in dbs
    }
    out["submissions_per_deadline"] = submissions
    return out


def best_rate(d: dict[str, Any]) -> float:
    """The most syncs a second measured on a database (one client or several)."""
    return max(v["syncs_per_s"] for k, v in d.items() if k.endswith(("client", "clients")))


# -- report -------------------------------------------------------------------------------


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Cohort scale on {m['cpu']} ({m['cores']} cores), {m['system']}, Python {m['python']}"
        f"; load average {result['load_before']} at the start, {result['load_after']} at the "
        "end (the machine is shared: figures are lower bounds).",
        "",
        "## Batch grading (`cohort grade` over a Dask LocalCluster)",
        "",
        "| exercise | workers | submissions | graded a minute | per worker | ratio to 1 | "
        "median grade (s) | CPU s / submission | cluster start (s) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["grading"]:
        lines.append(
            f"| {r['exercise']} | {r['workers']} | {r['submissions']} | {r['per_minute']} | "
            f"{r['per_worker_minute']} | {r.get('ratio_to_1_worker', '—')} | "
            f"{r['median_grade_s']} | {r['cpu_s_per_submission']} | {r['cluster_start_s']} |"
        )
    lines += [
        "",
        f"## Cohort database writes, {LEARNERS:,} simulated learners",
        "",
        f"Each sync as `cohort sync` does it (new connection, facts, ids sent, one insert "
        f"transaction). Week: {ATTEMPTS_PER_SYNC} attempts + {REVIEWS_PER_SYNC} reviews per "
        "learner; check: 1 attempt per learner. PostgreSQL durable (fsync on).",
        "",
        "| database | run | attempt rows/s | syncs/s | median sync (ms) |",
        "|---|---|---|---|---|",
    ]
    for d in result["databases"]:
        for run in ("week_sync_1_client", "check_sync_1_client", f"week_sync_{CLIENTS}_clients"):
            r = d[run]
            lines.append(
                f"| {d['database']} | {run.replace('_', ' ')} | {r['attempt_rows_per_s']} | "
                f"{r['syncs_per_s']} | {r['median_sync_ms']} |"
            )
    lines += ["", "| database | bytes per attempt row | bytes per review row | verdicts/s |",
              "|---|---|---|---|"]  # fmt: skip
    for d in result["databases"]:
        b = d["bytes_per_row"]
        lines.append(
            f"| {d['database']} | {b['cohort_attempts']} | {b['cohort_quiz_reviews']} | "
            f"{d['verdict_writes_per_s']} |"
        )
    p = result["projection"]
    lines += [
        "",
        f"## Projection for {p['learners']:,} learners (assumptions in cohort.json)",
        "",
        f"- {p['attempts_per_learner_year']} attempts and {p['reviews_per_learner_year']} "
        f"reviews per learner a year; {p['syncs_per_week']:,} syncs a week, "
        f"{p['busy_hour_syncs_per_s']} a second in the busiest hour.",
    ]
    for name, d in p["database"].items():
        lines.append(
            f"- {name}: {d['size_gb_per_year']} GB a year; "
            f"{d['busy_hour_concurrent_syncs']} syncs open at once in the busiest hour; the "
            f"sync rate measured here carries {d['learners_at_measured_sync_rate']:,} learners."
        )
    for name, g in p["grading"].items():
        by_cpu = g.get("cpu_core_hours_per_deadline")
        cpu = f" ({by_cpu} by CPU time)" if by_cpu is not None else ""
        lines.append(
            f"- grading {name}: {g['seconds_per_submission_per_core']} s per submission per "
            f"core, {g['core_hours_per_deadline']} core-hours per deadline{cpu}, "
            f"{g['nodes_for_window']} node(s) of {NODE_CORES} cores for a "
            f"{DEADLINE_WINDOW_H:g} h window."
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    global LEARNERS, VERDICTS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small trial; writes nothing")
    parser.add_argument(
        "--reproject",
        action="store_true",
        help="recompute the projection of results/cohort.json (new assumptions) and rewrite",
    )
    args = parser.parse_args()
    if args.reproject:
        result = json.loads((RESULTS / "cohort.json").read_text(encoding="utf-8"))
        result["projection"] = projections(result["grading"], result["databases"])
        _write(result)
        return
    if args.quick:
        LEARNERS, VERDICTS = 40, 20
        for key in GRADED:
            GRADED[key] = 4
    os.environ.pop("AIROADMAP_DATABASE_URL", None)
    RESULTS.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "machine": machine(),
        "load_before": load(),
        "parameters": {
            "graded": GRADED,
            "workers": list(WORKERS),
            "learners": LEARNERS,
            "attempts_per_sync": ATTEMPTS_PER_SYNC,
            "reviews_per_sync": REVIEWS_PER_SYNC,
            "clients": CLIENTS,
            "verdicts": VERDICTS,
        },
    }
    with tempfile.TemporaryDirectory(prefix="airoadmap-bench-cohort-") as tmp:
        rows, reports = grading(Path(tmp))
        result["grading"] = rows
        dbs = [writes(f"sqlite:///{Path(tmp) / 'cohort.db'}", "SQLite", reports)]
        with durable_postgres() as pg_url:
            if pg_url is None:
                print("PostgreSQL is not installed: the PostgreSQL rows are left out.")
            else:
                dbs.append(writes(pg_url, "PostgreSQL", reports))
    result["databases"] = dbs
    result["load_after"] = load()
    result["projection"] = projections(rows, dbs)
    if args.quick:
        print(markdown(result))
        return
    _write(result)


def _write(result: dict[str, Any]) -> None:
    (RESULTS / "cohort.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = markdown(result)
    (RESULTS / "cohort.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
