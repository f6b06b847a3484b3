"""The month-7 CNN tuned, pruned, quantized and shipped (`airoadmap run m09-optimize`).

    .venv/bin/python benchmarks/bench_m09_optimize.py [--keep RUN_FOLDER]

Runs the reference project itself (`airoadmap.lab.optimize.project.run`) once on
Fashion-MNIST into a temporary folder (or RUN_FOLDER, kept): the month-7 float model trained
with the recipe of `run m07-cnn`, an Optuna study run by two worker processes on one SQLite
file, the retrained net, its last block pruned and fine-tuned, batch norm folded, ONNX, int8
by onnxruntime's static quantization; every variant's size, median latency at batch 1 and 256
on one thread, and test accuracy.
Goal (issue: month 9): the shipped model at least 4x smaller and 3x faster at batch 1 on CPU
than the month-7 float model, within half a point of its test accuracy. Timings on a loaded
machine are inflated (the load average before and after is recorded); the latencies of all
variants are measured one after the other in the same minutes, so their ratios suffer less.

Writes benchmarks/results/m09_optimize.json and m09_optimize.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, default=None, help="keep the run's artifacts here")
    args = parser.parse_args()

    # Not torch first: airoadmap.lab.optimize sets torch's OpenMP wait policy before it loads.
    from airoadmap.lab.cnn.device import available_cores, cpu_name
    from airoadmap.lab.optimize import project
    from airoadmap.lab.stages import listening

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        run_dir = args.keep or Path(folder)
        run_dir.mkdir(parents=True, exist_ok=True)
        with listening(lambda name: print(f"[{time.perf_counter() - started:6.1f} s] {name}")):
            metrics = project.run(run_dir)
    wall = time.perf_counter() - started
    result = {
        "machine": f"{cpu_name()}, {available_cores()} cores available, {platform.system()} "
        f"{platform.machine()}",
        "python": platform.python_version(),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "wall_seconds": wall,
        "settings": {
            k: list(v) if isinstance(v, tuple) else v for k, v in project.SETTINGS.__dict__.items()
        },
        **{k: v for k, v in metrics.items() if k != "architecture"},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2) + "\n"
    (RESULTS / "m09_optimize.json").write_text(text, encoding="utf-8")
    (RESULTS / "m09_optimize.md").write_text(markdown(result), encoding="utf-8")
    print((RESULTS / "m09_optimize.md").read_text(encoding="utf-8"))


def markdown(r: dict[str, Any]) -> str:
    g, t, p = r["goal"], r["tuning"], r["pruning"]
    b1, bn = r["batches"][0], r["batches"][-1]
    rows = [
        f"| {v['variant']} | {v['format']} | {v['size_bytes']:,} | "
        f"{v[f'latency_{b1}_s'] * 1e6:.1f} | {v[f'latency_{bn}_s'] * 1e3:.2f} | "
        f"{v['accuracy']:.4f} |"
        for v in [*r["variants"], *r.get("mixed_precision", [])]
    ]

    def mark(ok: bool) -> str:
        return "yes" if ok else "no"

    seconds, best = r["train_seconds"], t["best_params"]
    return (
        "\n".join(
            [
                f"The month-7 CNN optimized (`airoadmap run m09-optimize`): the m07-cnn solution "
                f"trained {r['recipe']['epochs']} epochs ({seconds['month7']:.0f} s); Optuna, "
                f"{len(t['trials'])} trials by {t['workers']} worker processes on one SQLite study "
                f"({t['epochs']} epochs on {t['subset_images']:,} training images each, judged on "
                f"{t['validation_images']:,} held-out training images; {t['finished']} finished, "
                f"{t['pruned']} pruned; best validation accuracy {t['best_value']:.4f}: lr "
                f"{best['lr']:.4g}, weight decay {best['weight_decay']:.4g}, label smoothing "
                f"{best['label_smoothing']:.4g}); retrained "
                f"({seconds['retrained']:.0f} s); last block pruned to {p['keep']} of {p['of']} "
                f"channels ({p['parameters_before']:,} -> {p['parameters_after']:,} parameters), "
                f"fine-tuned {p['finetune']['epochs']} epochs ({seconds['finetune']:.0f} s); batch "
                f"norm folded; ONNX opset {r['onnx_opset']}; int8 by onnxruntime static "
                f"quantization ({r['calibration_images']:,} calibration images). Training on "
                f"{r['train_threads']} threads ({r['precision']}); latency on "
                f"{r['latency_threads']} thread, median of {r['repeats'][0]} calls (batch {b1}) "
                f"and {r['repeats'][-1]} (batch {bn}); torch {r['torch']}, onnxruntime "
                f"{r['onnxruntime']}, optuna {r['optuna']}.",
                f"Machine: {r['machine']}; load average {r['load_average_1min'][0]:.1f} before, "
                f"{r['load_average_1min'][1]:.1f} after; whole run {r['wall_seconds']:.0f} s.",
                "",
                f"| variant | format | size (bytes) | latency batch {b1} (µs) | latency batch {bn} "
                "(ms) | test accuracy |",
                "|---|---|---|---|---|---|",
                *rows,
                "",
                f"Goal: shipped model ≥ {g['size_ratio']:g}x smaller: **{mark(g['size_met'])}** "
                f"({r['size_ratio']:.2f}x); ≥ {g['speedup_batch_1']:g}x faster at batch {b1}: "
                f"**{mark(g['speed_met'])}** ({r['speedup_batch_1']:.2f}x; "
                f"{r['speedup_batch_256']:.2f}x at batch {bn}); within "
                f"{100 * g['accuracy_drop']:g} points of the month-7 test accuracy: "
                f"**{mark(g['accuracy_met'])}** ({-r['accuracy_drop_points']:+.2f} points). "
                f"All: **{mark(g['met'])}**.",
            ]
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
