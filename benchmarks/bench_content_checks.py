"""How long each exercise's checks take on its reference solution, against its time limit.

    .venv/bin/python benchmarks/bench_content_checks.py [--runs 3] [EXERCISE ...]

The checks run in this process (`airoadmap.authoring.runner.run_inprocess`, as the content
tests run them), one thread per native library as in the sandbox. For each exercise: the
first run (imports and data sets loaded) and the median of `--runs` more, against the
exercise's sandbox limit `[limits] timeout_s`. Goal: the warm median at most a third of the
limit, so that a slower correct solution of a learner's still fits. (The content tests used to
assert bounds like "under 10 s"; speed is measured here instead, the tests assert verdicts.)

Writes benchmarks/results/content_checks.json and content_checks.md.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"  # before NumPy loads, as the sandbox does

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from airoadmap.authoring.runner import run_inprocess  # noqa: E402
from airoadmap.curriculum.loader import content_root, exercise_dir, load_model  # noqa: E402
from airoadmap.curriculum.models import Exercise  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GOAL_FRACTION = 1 / 3


def timed_run(exercise_id: str) -> tuple[float, bool]:
    """Seconds for one run of every check on the solution, and whether all passed."""
    started = time.perf_counter()
    result = run_inprocess(exercise_id, {})
    return time.perf_counter() - started, result.passed


def measure(exercise_id: str, limit_s: float, runs: int) -> dict[str, Any]:
    first, passed = timed_run(exercise_id)
    warm = []
    for _ in range(runs):
        seconds, ok = timed_run(exercise_id)
        warm.append(seconds)
        passed = passed and ok
    median = statistics.median(warm)
    return {
        "exercise": exercise_id,
        "limit_s": limit_s,
        "first_s": first,
        "median_s": median,
        "fraction_of_limit": median / limit_s,
        "solution_passes": passed,
        "goal_met": passed and median <= GOAL_FRACTION * limit_s,
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Checks of each exercise on its reference solution, in-process, one thread, on "
        f"{result['machine']} (load average {result['load_average']:.1f} at start); first run, "
        f"then the median of {result['runs']}. Goal: the median at most a third of the "
        "exercise's sandbox time limit.",
        "",
        "| exercise | limit (s) | first run (s) | median (s) | share of limit | goal met |",
        "|---|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['exercise']} | {row['limit_s']:g} | {row['first_s']:.2f} | "
            f"{row['median_s']:.2f} | {row['fraction_of_limit']:.0%} | "
            f"{'yes' if row['goal_met'] else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm runs per exercise")
    parser.add_argument("exercises", nargs="*", help="exercise ids (default: all)")
    args = parser.parse_args()
    folders = sorted(p.parent for p in (content_root() / "exercises").glob("*/exercise.toml"))
    known = [f.name for f in folders]
    chosen = args.exercises or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        raise SystemExit(f"unknown exercise(s): {', '.join(unknown)}")
    load = os.getloadavg()[0]
    rows = []
    for exercise_id in chosen:
        exercise = load_model(exercise_dir(exercise_id) / "exercise.toml", Exercise)
        rows.append(measure(exercise_id, exercise.limits.timeout_s, args.runs))
        print(f"{exercise_id}: median {rows[-1]['median_s']:.2f} s", flush=True)
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average": load,
        "runs": args.runs,
        "goal_fraction": GOAL_FRACTION,
        "rows": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "content_checks.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "content_checks.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
