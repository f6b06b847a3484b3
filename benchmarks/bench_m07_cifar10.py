"""The fast CIFAR-10 schedule (`airoadmap run m07-cifar10` on a GPU): accuracy and seconds.

    .venv/bin/python benchmarks/bench_m07_cifar10.py [--runs 5] [--device cuda|cpu]

Needs CIFAR-10 (`airoadmap data fetch cifar-10`, or AIROADMAP_CIFAR10_DIR) and, for the
goal, a CUDA GPU. Goal (issue: month 7): at least 94% test accuracy (with test-time
augmentation) in at most 4 s of training on one GPU of the H100/H200 class. Each run is
`airoadmap.lab.cnn.project.run_cifar10` (cifar_fast.py on a GPU) into a temporary folder with
its own seed; the training time runs from the first step to the last (the whitening layer
included; moving the data to the GPU, a few untimed warm-up steps and scoring excluded).
`--device cpu` runs the project's short CPU schedule instead, for the record.

Where CIFAR-10 or the GPU is missing, it writes a result saying what was missing (and
measures nothing). Writes benchmarks/results/m07_cifar10.json and m07_cifar10.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GOAL_ACCURACY = 0.94
GOAL_SECONDS = 4.0


def missing(device: str) -> list[str]:
    """What this machine lacks for the benchmark, in words (empty: nothing)."""
    import torch

    import airoadmap.datasets as ds

    lacks = []
    if not ds.status("cifar-10").available:
        lacks.append("CIFAR-10 is not on this machine (`airoadmap data fetch cifar-10`)")
    if device == "cuda" and not torch.cuda.is_available():
        build = "a CPU-only build" if torch.version.cuda is None else "no GPU visible"
        lacks.append(f"no CUDA GPU (torch {torch.__version__}: {build})")
    return lacks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--device", default="cuda", choices=("cuda", "cpu"))
    args = parser.parse_args()

    import torch

    from airoadmap.lab.cnn import project
    from airoadmap.lab.cnn.device import available_cores, cpu_name

    base: dict[str, Any] = {
        "machine": f"{cpu_name()}, {available_cores()} cores available, {platform.system()} "
        f"{platform.machine()}",
        "python": platform.python_version(),
        "torch": torch.__version__,
        "goal": {"test_accuracy": GOAL_ACCURACY, "train_seconds": GOAL_SECONDS},
        "asked_device": args.device,
    }
    lacks = missing(args.device)
    if lacks:
        result = {**base, "measured": False, "missing": lacks, "goal_met": None}
        print("Not measured: " + "; ".join(lacks))
        write(result)
        return

    load_before = os.getloadavg()[0]
    runs: list[dict[str, Any]] = []
    fast = project.FAST_CONFIG
    for i in range(args.runs):
        project.FAST_CONFIG = dataclasses.replace(fast, seed=i)
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            m = project.run_cifar10(Path(folder), device=args.device)
            wall = time.perf_counter() - started
        runs.append(
            {
                "seed": i,
                "test_accuracy": m["test_accuracy"],
                "test_accuracy_without_tta": m["model"].get("test_accuracy_without_tta"),
                "train_seconds": m["train_seconds"],
                "images_per_second": m["images_per_second"],
                "wall_s": wall,
                "method": m["method"],
                "device_name": m["device_name"],
                "precision": m["precision"],
                "epochs": m["epochs"],
            }
        )
        print(
            f"run {i + 1}: accuracy {m['test_accuracy']:.4f} in {m['train_seconds']:.2f} s "
            f"({m['method']} on {m['device_name']})"
        )
    project.FAST_CONFIG = fast
    accuracies = [r["test_accuracy"] for r in runs]
    seconds = [r["train_seconds"] for r in runs]
    result = {
        **base,
        "measured": True,
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "fast_config": dataclasses.asdict(fast) if args.device == "cuda" else None,
        "runs": runs,
        "test_accuracy": {
            "mean": statistics.fmean(accuracies),
            "std": statistics.pstdev(accuracies),
            "min": min(accuracies),
        },
        "train_seconds": {"mean": statistics.fmean(seconds), "max": max(seconds)},
        "goal_met": args.device == "cuda"
        and statistics.fmean(accuracies) >= GOAL_ACCURACY
        and statistics.fmean(seconds) <= GOAL_SECONDS,
    }
    write(result)


def write(result: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "m07_cifar10.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "m07_cifar10.md").write_text(markdown(result), encoding="utf-8")
    print((RESULTS / "m07_cifar10.md").read_text(encoding="utf-8"))


def markdown(r: dict[str, Any]) -> str:
    goal = r["goal"]
    head = (
        f"Fast CIFAR-10 schedule (`airoadmap run m07-cifar10`, lab/cnn/cifar_fast.py); goal: "
        f"test accuracy ≥ {goal['test_accuracy']:.2f} in ≤ {goal['train_seconds']:.0f} s of "
        f"training on one H100/H200-class GPU. Torch {r['torch']}."
    )
    if not r["measured"]:
        return (
            f"{head}\n\nNot measured on {r['machine']}: "
            + "; ".join(r["missing"])
            + ". The script is ready: run it where CIFAR-10 and a CUDA GPU are.\n"
        )
    rows = [
        f"| {x['seed']} | {x['test_accuracy']:.4f} | "
        + (
            f"{x['test_accuracy_without_tta']:.4f}"
            if x["test_accuracy_without_tta"] is not None
            else "—"
        )
        + f" | {x['train_seconds']:.2f} | {x['images_per_second']:,.0f} | {x['wall_s']:.1f} |"
        for x in r["runs"]
    ]
    first = r["runs"][0]
    met = {True: "yes", False: "no"}[bool(r["goal_met"])]
    acc, sec = r["test_accuracy"], r["train_seconds"]
    return (
        "\n".join(
            [
                head,
                f"Ran on {first['device_name']} ({first['method']} schedule, {first['precision']}, "
                f"{first['epochs']} epochs); machine {r['machine']}; load average "
                f"{r['load_average_1min'][0]:.1f} before, {r['load_average_1min'][1]:.1f} after.",
                "",
                "| seed | test accuracy | without TTA | training s | images/s | whole run s |",
                "|---|---|---|---|---|---|",
                *rows,
                "",
                f"Mean accuracy {acc['mean']:.4f} ± {acc['std']:.4f} (lowest {acc['min']:.4f}); "
                f"mean training time {sec['mean']:.2f} s (longest {sec['max']:.2f} s). "
                f"Goal met: **{met}**.",
            ]
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
