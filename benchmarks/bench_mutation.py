"""Mutation testing of the checks of every from-scratch exercise, in one run.

Each reference solution is mutated (`airoadmap.authoring.mutation`: flipped operators,
dropped terms, constants and ranges off by one, swapped arguments, removed validation,
unseeded generators, ...) and the exercise's checks run on every mutant, in its own process.
The kill rate is killed / (mutants - survivors that the exercise's mutation.toml declares
harmless, each with why). Goal: at least 95% per exercise.

Exercises: those whose exercise.toml has a non-empty `forbidden_imports` (from scratch), the
five the issue named, and the month-7 exercises (their checks judge training code).

    python benchmarks/bench_mutation.py [--only ID] [--limit N] [--jobs 2] [--merge]

Writes benchmarks/results/mutation.{json,md} (copied into README.md by readme_tables.py).
With --only or --limit the figures are partial: the files are then not written unless
--write is given; --merge replaces only the rows of the exercises run, keeping the others
(each row keeps the date and load of its own run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from airoadmap.authoring.mutation import GOAL_KILL_RATE, MutationReport, run_mutation
from airoadmap.curriculum.loader import curriculum

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
NAMED = ("m03-gradients", "m03-linreg", "m04-metrics", "m05-kmeans", "m05-pca")
MONTHS_ALWAYS = (7,)  # every exercise of these months


def from_scratch() -> list[str]:
    """Exercise ids, in roadmap order: declared from-scratch, plus the named five."""
    ordered = curriculum().ordered_exercises()
    return [
        e.id for e in ordered if e.forbidden_imports or e.id in NAMED or e.month in MONTHS_ALWAYS
    ]


def progress(done: int, total: int, result: Any) -> None:
    if result is not None and (done % 20 == 0 or done == total):
        print(f"  {done}/{total}", flush=True)


def row(report: MutationReport, load_at_start: float) -> dict[str, Any]:
    data = report.to_json()
    data.pop("results")
    data["measured_on"] = time.strftime("%Y-%m-%d")
    data["load_average_at_start"] = round(load_at_start, 2)
    return data


def merged(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The earlier results' rows with these replacing theirs, in roadmap order."""
    path = RESULTS / "mutation.json"
    earlier = json.loads(path.read_text())["rows"] if path.is_file() else []
    by_id = {r["exercise"]: r for r in earlier} | {r["exercise"]: r for r in rows}
    order = {eid: n for n, eid in enumerate(from_scratch())}
    return sorted(by_id.values(), key=lambda r: order.get(r["exercise"], len(order)))


def markdown(rows: list[dict[str, Any]], info: dict[str, Any]) -> str:
    lines = [
        f"Mutation testing of the checks: the reference solution of each from-scratch exercise "
        f"and of month 7, "
        f"mutated one small change at a time (`airoadmap dev mutate ID`), its checks run on "
        f"every mutant on {info['cpu']}, {info['cores']} cores (load average "
        f"{info['load_average_at_start'][0]:.1f} at the start of the last run; each row's own in "
        f"mutation.json), {info['jobs']} mutants at once, "
        f"Python {info['python']}. Kill rate = killed / (mutants - declared-equivalent "
        f"survivors); killed counts a check failing, a crash at import, the time limit and a "
        f"crash. Goal: at least {GOAL_KILL_RATE:.0%}.",
        "",
        "| exercise | mutants | killed (at import / timed out / crashed) | declared equivalent "
        "| other survivors | kill rate | goal met | time (s) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        rate = "n/a" if r["kill_rate"] is None else f"{r['kill_rate']:.1%}"
        tested = f"{r['tested']} of {r['mutants']}" if r["limited"] else f"{r['mutants']}"
        lines.append(
            f"| {r['exercise']} | {tested} | {r['killed']} ({r['killed_at_import']} / "
            f"{r['timed_out']} / {r['crashed']}) | {r['declared_equivalent']} | "
            f"{r['unlisted_survivors']} | {rate} | {'yes' if r['goal_met'] else 'no'} | "
            f"{r['elapsed_s']:.0f} |"
        )
    unjudged = [f"{r['exercise']} {r['errors']}" for r in rows if r["errors"]]
    if unjudged:
        joined = ", ".join(unjudged)
        lines += ["", f"Not judged (the tool failed; they count neither way): {joined}."]
    survivors = [(r["exercise"], s) for r in rows for s in r["survivors"]]
    if survivors:
        lines += [
            "",
            "<details><summary>Survivors: harmless (with why) or waiting for a check</summary>",
            "",
            "| exercise | line | mutant | why it survives |",
            "|---|---|---|---|",
        ]
        for exercise, s in survivors:
            why = s["why"] or "**no check catches it yet**"
            mutant = s["description"].replace("|", "\\|")
            lines.append(
                f"| {exercise} | {s['file']}:{s['line']} | {mutant} | {why.replace('|', '/')} |"
            )
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="Only this exercise (repeatable).")
    parser.add_argument("--limit", type=int, help="Mutants per exercise (a sample).")
    parser.add_argument("--jobs", type=int, default=2, help="Mutants run at once.")
    parser.add_argument("--write", action="store_true", help="Write partial results too.")
    parser.add_argument(
        "--merge", action="store_true", help="Write, replacing only these exercises' rows."
    )
    args = parser.parse_args()
    exercises = args.only or from_scratch()
    info = {
        "cpu": platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "jobs": args.jobs,
        "load_average_at_start": list(os.getloadavg()),
    }
    rows = []
    started = time.perf_counter()
    for eid in exercises:
        print(f"{eid}:", flush=True)
        load = os.getloadavg()[0]
        report = run_mutation(eid, limit=args.limit, jobs=args.jobs, progress=progress)
        rows.append(row(report, load))
        rate = report.kill_rate
        print(
            f"  {report.killed}/{report.tested} killed, {len(report.equivalent)} declared "
            f"equivalent, {len(report.unlisted)} other survivors: kill rate "
            f"{'n/a' if rate is None else f'{rate:.1%}'} in {report.elapsed_s:.0f} s",
            flush=True,
        )
    if args.merge:
        rows = merged(rows)
    table = markdown(rows, info)
    print(table)
    partial = bool(args.only or args.limit)
    if partial and not (args.write or args.merge):
        print("partial run (--only/--limit): results not written (add --write)")
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "what": "mutation testing of the checks of the from-scratch exercises",
        "goal_kill_rate": GOAL_KILL_RATE,
        "machine": info,
        "elapsed_s": round(time.perf_counter() - started, 1),
        "rows": rows,
    }
    (RESULTS / "mutation.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "mutation.md").write_text(table)
    if not all(r["goal_met"] for r in rows):
        print("goal not met for: " + ", ".join(r["exercise"] for r in rows if not r["goal_met"]))


if __name__ == "__main__":
    main()
