"""The reference LinearRegression ("normal") against scikit-learn on 1,000,000 x 20.

    .venv/bin/python benchmarks/bench_linreg.py [--rows 1000000] [--features 20] [--runs 7]

Ours is the solution of m03-linreg, imported as `airoadmap run m03-linreg` imports it. For
each BLAS thread count (1, and every core) and each penalty (alpha = 0 against
LinearRegression, alpha = 10 against Ridge(alpha=10)):

- coefficients and intercept must equal scikit-learn's within 1e-8 (relative to the largest
  coefficient, and to the intercept);
- fit times are measured in the same run, interleaved (ours, theirs, theirs, ours, ...) after
  one untimed warm-up fit of each, so background load hits both alike; the median of
  `--runs` fits each gives the ratio ours / scikit-learn. Goal: at most 1.5x.

BLAS threads are pinned with threadpoolctl, the same for both. Writes
benchmarks/results/linreg.json and linreg.md.
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

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression as SkLinear
from sklearn.linear_model import Ridge
from threadpoolctl import threadpool_info, threadpool_limits

from airoadmap.lab.machine import cpu_name
from airoadmap.lab.reference import reference_module

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GOAL_RATIO = 1.5
COEF_RTOL = 1e-8
ALPHA = 10.0
SEED = 0


def make_data(rows: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """Features with non-zero means and mixed scales (as real data), a linear target."""
    rng = np.random.default_rng(SEED)
    X = rng.standard_normal((rows, features))
    X *= rng.uniform(0.1, 10.0, features)
    X += rng.uniform(-50.0, 50.0, features)
    y = X @ rng.normal(size=features) + 7.0 + rng.standard_normal(rows)
    return X, y


def blas() -> str:
    libs = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return ", ".join(f"{i['internal_api']} {i.get('version') or ''}".strip() for i in libs)


def timed(model: Any, X: np.ndarray, y: np.ndarray) -> float:
    started = time.perf_counter()
    model.fit(X, y)
    return time.perf_counter() - started


def compare(ours: type, theirs: Any, X: np.ndarray, y: np.ndarray, runs: int) -> dict[str, Any]:
    """Accuracy, then interleaved timings of fresh models."""
    mine = ours().fit(X, y)  # also the warm-up
    ref = theirs().fit(X, y)
    coef_err = float(np.max(np.abs(mine.coef_ - ref.coef_)) / np.max(np.abs(ref.coef_)))
    intercept_err = abs(mine.intercept_ - ref.intercept_) / abs(ref.intercept_)
    our_times, their_times = [], []
    for i in range(runs):
        if i % 2 == 0:
            our_times.append(timed(ours(), X, y))
            their_times.append(timed(theirs(), X, y))
        else:
            their_times.append(timed(theirs(), X, y))
            our_times.append(timed(ours(), X, y))
    ours_s, theirs_s = statistics.median(our_times), statistics.median(their_times)
    return {
        "coef_rel_err": coef_err,
        "intercept_rel_err": float(intercept_err),
        "coef_ok": bool(coef_err <= COEF_RTOL and intercept_err <= COEF_RTOL),
        "ours_s": ours_s,
        "sklearn_s": theirs_s,
        "ratio": ours_s / theirs_s,
        "ours_times_s": our_times,
        "sklearn_times_s": their_times,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    ours_cls = reference_module("m03-linreg", "linreg").LinearRegression
    X, y = make_data(args.rows, args.features)
    cores = os.cpu_count() or 1
    pairs = {
        "alpha=0 vs LinearRegression": (
            lambda: ours_cls(method="normal"),
            SkLinear,
        ),
        f"alpha={ALPHA:g} vs Ridge(alpha={ALPHA:g})": (
            lambda: ours_cls(method="normal", alpha=ALPHA),
            lambda: Ridge(alpha=ALPHA),
        ),
    }
    rows = []
    for threads in sorted({1, cores}):
        with threadpool_limits(limits=threads, user_api="blas"):
            for label, (ours, theirs) in pairs.items():
                result = compare(ours, theirs, X, y, args.runs)
                rows.append({"case": label, "blas_threads": threads, **result})
                print(
                    f"{label}, {threads} BLAS thread(s): ours {result['ours_s']:.3f} s, "
                    f"sklearn {result['sklearn_s']:.3f} s, ratio {result['ratio']:.2f}x, "
                    f"coef rel err {result['coef_rel_err']:.1e}"
                )

    result = {
        "machine": f"{cpu_name()}, {cores} cores, {platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "blas": blas(),
        "rows": args.rows,
        "features": args.features,
        "runs": args.runs,
        "load_average_1min": [load_before, os.getloadavg()[0]],  # before, after
        "goal_ratio": GOAL_RATIO,
        "coef_rtol": COEF_RTOL,
        "results": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "linreg.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [
        f'Reference `LinearRegression(method="normal")` (m03-linreg) against scikit-learn '
        f"{sklearn.__version__} on {args.rows:,} x {args.features} float64, "
        f"fit time median of {args.runs} interleaved runs each.",
        f"Machine: {result['machine']}; BLAS: {result['blas']}, threads pinned with "
        f"threadpoolctl (same for both); load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after. Goal: at most "
        f"{GOAL_RATIO:g}x scikit-learn's time, coefficients within {COEF_RTOL:g} (relative).",
        "",
        "| case | BLAS threads | ours (s) | scikit-learn (s) | ratio | coef error | goal met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        met = r["ratio"] <= GOAL_RATIO and r["coef_ok"]
        lines.append(
            f"| {r['case']} | {r['blas_threads']} | {r['ours_s']:.3f} | {r['sklearn_s']:.3f} | "
            f"{r['ratio']:.2f}x | {r['coef_rel_err']:.1e} | {'yes' if met else 'no'} |"
        )
    if max(result["load_average_1min"]) > cores:
        lines += [
            "",
            f"The load average exceeded the {cores} cores during the run (a shared machine): "
            "with several BLAS threads each one waits for the slowest, so the multi-thread "
            "rows measure the contention as much as the code. Compare ratios within a row.",
        ]
    table = "\n".join(lines) + "\n"
    (RESULTS / "linreg.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
