"""The month-6 Titanic model served five ways (`airoadmap run m10-serve`, longer).

    .venv/bin/python benchmarks/bench_m10_serve.py [--seconds S] [--keep RUN_FOLDER]
    .venv/bin/python benchmarks/bench_m10_serve.py --markdown   # the .md from the .json

Runs the reference project (`airoadmap.lab.serve.project`) with S measured seconds (default
10) per variant and concurrency instead of the run's 4: the m10-serve exercise's solution
app (FastAPI, pydantic, the model in MLflow's format, Prometheus metrics), the naive service
(FastAPI, pydantic, the scikit-learn Pipeline per request), the same model on a typed fast
path in onnxruntime with orjson (ASGI under uvicorn, without and with micro-batching), and
that fast path on an asyncio HTTP server of its own with micro-batching. Each service in its
own process, driven by the project's load generator (asyncio, keep-alive HTTP) in another,
one passenger per request, at concurrency 1 and 32; server CPU from /proc/PID/stat before
and after. Goal (issue 12): the optimised service ("protocol") at most a third of the naive
one's server CPU per request, and p99 below 10 ms at concurrency 32. The load generator
shares the machine's cores with the server: on a loaded machine latencies are inflated (the
load average before and after is recorded); CPU per request suffers less.

Writes benchmarks/results/m10_serve.json and m10_serve.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.metadata
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
PACKAGES = ("fastapi", "uvicorn", "h11", "pydantic", "scikit-learn", "onnxruntime", "orjson")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0, help="measured s per phase")
    parser.add_argument("--keep", type=Path, default=None, help="keep the run's artifacts here")
    parser.add_argument(
        "--markdown", action="store_true", help="only rewrite the .md from the .json"
    )
    args = parser.parse_args()
    if args.markdown:
        write_markdown(json.loads((RESULTS / "m10_serve.json").read_text(encoding="utf-8")))
        return

    from airoadmap.lab.machine import cpu_name
    from airoadmap.lab.serve import project
    from airoadmap.lab.stages import listening

    settings = dataclasses.replace(project.SETTINGS, seconds=args.seconds, warmup_seconds=1.0)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        run_dir = args.keep or Path(folder)
        run_dir.mkdir(parents=True, exist_ok=True)
        with listening(lambda name: print(f"[{time.perf_counter() - started:6.1f} s] {name}")):
            metrics = project.run_with(run_dir, settings)
    result = {
        **metrics,
        "machine": f"{cpu_name()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.machine()}",
        "python": platform.python_version(),
        "packages": {name: importlib.metadata.version(name) for name in PACKAGES},
        "load_average_1min": [load_before, os.getloadavg()[0]],  # the whole run's
        "wall_seconds": time.perf_counter() - started,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "m10_serve.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_markdown(result)
    print((RESULTS / "m10_serve.md").read_text(encoding="utf-8"))


def write_markdown(result: dict[str, Any]) -> None:
    """benchmarks/results/m10_serve.md from the results (also: --markdown, from the JSON)."""
    from airoadmap.lab.serve import project

    (RESULTS / "m10_serve.md").write_text(markdown(result, project.table), encoding="utf-8")


def markdown(r: dict[str, Any], table: Any) -> str:
    g, s = r["goal"], r["settings"]
    versions = ", ".join(f"{k} {v}" for k, v in r["packages"].items())

    def mark(ok: bool) -> str:
        return "yes" if ok else "no"

    starts = ", ".join(f"{k} {v['start_cpu_s']:.2f} s" for k, v in r["variants"].items())
    return "\n".join([
        f"The month-6 Titanic pipeline (random forest, version `{r['model_version']}`, held-out "
        f"accuracy {r['held_out_accuracy']:.4f}, ROC AUC {r['held_out_roc_auc']:.4f}) served "
        f"{len(r['variants'])} ways (`airoadmap run m10-serve`), one passenger per request, "
        f"{s['seconds']:g} s per phase after {s['warmup_seconds']:g} s of warm-up. Every variant "
        f"answered all {r['held_out_passengers']} held-out passengers within "
        f"{max(v['parity_max_difference'] for v in r['variants'].values()):.2g} of the "
        "Pipeline's own probabilities and a bad row with 422.",
        f"Machine: {r['machine']}; load average {r['load_average_1min'][0]:.1f} before, "
        f"{r['load_average_1min'][1]:.1f} after; whole run {r['wall_seconds']:.0f} s; "
        f"Python {r['python']}, {versions}. Server CPU to start (imports, model): {starts}.",
        "",
        table(r),
        *[f"- {v['label']}" for v in r["variants"].values()],
        "",
        f"Goal: {g['variant']} at most {g['cpu_ratio_at_most']:.3f} of {g['baseline']}'s server "
        f"CPU per request at concurrency {g['concurrency']}: {r['cpu_ratio']:.4f}; p99 below "
        f"{g['p99_ms_below']:g} ms: {r['p99_ms']:.2f} ms. Both: **{mark(r['goal_met'])}**.",
    ]) + "\n"  # fmt: skip


if __name__ == "__main__":
    main()
