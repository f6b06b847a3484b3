"""Server-side render time of the dashboard's pages.

A fresh workspace with 1,000 attempts of m03-linreg (each with metrics and the messages of
its checks), 1,000 of other exercises, hints, a schedule and 200 quiz reviews; each page is
requested through Starlette's TestClient (the whole app: middleware, routing, the progress
store opened per request, templates), warm, RUNS times. Goal: median under 50 ms for the
roadmap and for the exercise page with its 1,000 attempts.

Writes benchmarks/results/dashboard.{json,md}.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import tempfile
import time
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
RUNS = 60
WARMUP = 5
GOAL_MS = 50.0
ATTEMPTS = 1_000


def fill(ws_root: Path) -> None:
    """Record ATTEMPTS attempts of m03-linreg (and as many of others), hints and reviews."""
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.progress.store import ProgressStore
    from airoadmap.quiz.loader import all_cards
    from airoadmap.quiz.scheduler import Rating
    from airoadmap.quiz.session import QuizSession
    from airoadmap.workspace import Workspace

    cur = curriculum()
    Workspace.init(ws_root, cur)
    ws = Workspace(ws_root)
    start = datetime.now(UTC) - timedelta(days=60)
    others = [e for e in cur.exercises if e != "m03-linreg"]
    missed = "is below the bar 0.9. (300 held-out houses; exact least squares reaches 0.905)."
    with ProgressStore.for_workspace(ws.db_path) as store:
        store.set_schedule(date.today() - timedelta(days=60), 10)
        for i in range(ATTEMPTS):
            r2 = min(0.95, 0.3 + 0.65 * i / ATTEMPTS)
            outcome = "PASS" if r2 >= 0.9 else "FAIL"
            checks = [
                {"name": f"check {k}", "outcome": "PASS", "message": "", "hint": "general"}
                for k in range(8)
            ] + [
                {
                    "name": "held-out R^2 reaches the bar",
                    "outcome": outcome,
                    "message": "" if outcome == "PASS" else f"r2_holdout={r2:.4g} {missed}",
                    "hint": "general",
                }
            ]
            metrics = {"r2_holdout": r2, "fit_ms": 3.0 + i % 7, "max_coef_diff": 1e-9 * i}
            store.record_attempt(
                "m03-linreg",
                outcome,
                metrics,
                checks,
                2.5,
                f"{i:064x}",
                created_at=start + timedelta(minutes=80 * i),
            )
            other = others[i % len(others)]
            store.record_attempt(
                other,
                "FAIL" if i % 3 else "PASS",
                {},
                checks[:3],
                1.0,
                "h",
                created_at=start + timedelta(minutes=80 * i + 1),
            )
        store.record_hint("m03-linreg", "general", 1)
        session = QuizSession(store, clock=lambda: start + timedelta(days=1))
        for card in all_cards()[:200]:
            session.record(card, Rating.Good)


def timed(client: object, url: str) -> list[float]:
    get = client.get  # type: ignore[attr-defined]
    for _ in range(WARMUP):
        assert get(url).status_code == 200, url
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        response = get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    return times


def main() -> None:
    os.environ.pop("AIROADMAP_DATABASE_URL", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from airoadmap.web import create_app
    from airoadmap.workspace import Workspace

    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="airoadmap-bench-") as tmp:
        root = Path(tmp) / "ws"
        t0 = time.perf_counter()
        fill(root)
        fill_s = time.perf_counter() - t0
        with TestClient(create_app(Workspace(root))) as client:
            pages = [
                ("roadmap", "/", True),
                (f"exercise, {ATTEMPTS:,} attempts", "/exercises/m03-linreg", True),
                ("month", "/months/3", False),
                ("quiz", "/quiz", False),
                ("runs", "/runs", False),
            ]
            for name, url, goal in pages:
                times = timed(client, url)
                size = len(client.get(url).content)
                rows.append(
                    {
                        "page": name,
                        "url": url,
                        "median_ms": round(statistics.median(times), 2),
                        "p90_ms": round(sorted(times)[int(0.9 * len(times)) - 1], 2),
                        "min_ms": round(min(times), 2),
                        "html_kb": round(size / 1024, 1),
                        "goal_ms": GOAL_MS if goal else None,
                        "goal_met": (statistics.median(times) < GOAL_MS) if goal else None,
                    }
                )
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"
    result = {
        "machine": machine,
        "python": platform.python_version(),
        "runs": RUNS,
        "attempts": ATTEMPTS,
        "fill_s": round(fill_s, 1),
        "pages": rows,
    }
    (RESULTS / "dashboard.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [
        "Server-side render time of dashboard pages through the whole app (Starlette "
        f"TestClient: middleware, routing, progress store opened per request, templates); "
        f"median of {RUNS} warm requests after {WARMUP} warm-up ones.",
        f"Machine: {machine}, Python {platform.python_version()}. Store: SQLite with "
        f"{ATTEMPTS:,} attempts of m03-linreg (9 checks and 3 metrics each), {ATTEMPTS:,} of "
        f"other exercises, 200 quiz reviews. Goal: median under {GOAL_MS:g} ms for the roadmap "
        "and the exercise page.",
        "",
        "| page | median (ms) | p90 (ms) | min (ms) | HTML (KB) | goal met |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        met = "—" if r["goal_met"] is None else ("yes" if r["goal_met"] else "no")
        lines.append(
            f"| {r['page']} | {r['median_ms']:.1f} | {r['p90_ms']:.1f} | {r['min_ms']:.1f} | "
            f"{r['html_kb']} | {met} |"
        )
    (RESULTS / "dashboard.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
