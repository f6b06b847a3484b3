"""The EDA report (m02-eda reference): build time and size of the Titanic and Ames reports.

    .venv/bin/python benchmarks/bench_eda.py [--runs 3]

For each data set: the median wall time of `build_report` over `--runs` builds (after one
untimed warm-up that imports everything), split into the bias check's models and the rest,
the page size (every figure embedded) and the number of figures. Goals: a report builds in
under 30 s on a 2-core laptop and weighs under 2 MB, so it opens at once and can be mailed.
Writes benchmarks/results/eda.json and eda.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from airoadmap.datasets import load_frame
from airoadmap.lab.eda import bias
from airoadmap.lab.eda.config import CONFIGS
from airoadmap.lab.eda.project import build_report
from airoadmap.lab.machine import cpu_name

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GOAL_SECONDS = 30.0
GOAL_MB = 2.0


def measure(runs: int) -> list[dict[str, Any]]:
    rows = []
    for config in CONFIGS:
        df = load_frame(config.dataset)
        build_report(df, config)  # warm-up: imports, font cache
        totals, models = [], []
        for _ in range(runs):
            model_started = time.perf_counter()
            bias.bias_check(df.drop(columns=list(config.drop), errors="ignore"), config)
            models.append(time.perf_counter() - model_started)
            started = time.perf_counter()
            report = build_report(df, config)
            totals.append(time.perf_counter() - started)
        seconds = statistics.median(totals)
        mb = len(report.html.encode("utf-8")) / 2**20
        rows.append(
            {
                "data set": config.name,
                "rows": len(df),
                "seconds": seconds,
                "bias models (s)": statistics.median(models),
                "figures": len(report.figures),
                "html MB": mb,
                "goal met": seconds < GOAL_SECONDS and mb < GOAL_MB,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    rows = measure(args.runs)
    machine = f"{cpu_name()}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "eda.json").write_text(
        json.dumps({"machine": machine, "runs": args.runs, "results": rows}, indent=2) + "\n",
        encoding="utf-8",
    )
    lines = [
        f"EDA report (m02-eda reference): median of {args.runs} builds of `build_report` "
        "per data set (figures rendered and embedded); the bias check's cross-validated "
        "models timed on their own.",
        f"Machine: {machine}; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after. "
        f"Goal: under {GOAL_SECONDS:g} s and {GOAL_MB:g} MB per report.",
        "",
        "| data set | rows | build (s) | of it, bias models (s) | figures | HTML (MB) | goal met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['data set']} | {r['rows']:,} | {r['seconds']:.2f} | {r['bias models (s)']:.2f}"
            f" | {r['figures']} | {r['html MB']:.2f} | {'yes' if r['goal met'] else 'no'} |"
        )
    (RESULTS / "eda.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
