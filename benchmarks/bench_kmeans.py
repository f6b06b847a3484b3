"""The reference K-Means of m05-kmeans against scikit-learn's KMeans, side by side in one run.

Both fit the same 100,000 x 10 data with k=8, n_init=10, max_iter=300, tol=1e-4 and the
same seeds (the seeds do not give the same seedings: each library draws its own):

- time: median wall time of REPEATS fits each, the two libraries interleaved fit by fit so
  that a busy machine slows both alike. Goal: the reference at most 2x scikit-learn's time.
- inertia: the reference's inertia over scikit-learn's, per seed. Goal: within 0.5%.

Two data sets: 8 separated blobs (Lloyd converges in a few iterations: the seeding
dominates) and 8 overlapping blobs (dozens of iterations: Lloyd dominates); each with the
libraries' default threads (all cores) and on one thread.

Writes benchmarks/results/kmeans.{json,md}.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.cluster import KMeans as SkKMeans
from sklearn.datasets import make_blobs
from threadpoolctl import threadpool_info, threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
SOLUTION = ROOT / "src" / "airoadmap" / "content" / "exercises" / "m05-kmeans" / "solution"

N_SAMPLES, N_FEATURES, K = 100_000, 10, 8
SETTINGS = {"n_clusters": K, "n_init": 10, "max_iter": 300, "tol": 1e-4}
REPEATS = 7
GOAL_TIME_RATIO = 2.0
GOAL_INERTIA_GAP = 0.005  # |inertia ratio - 1|


def reference_kmeans() -> type:
    """The KMeans class of the exercise's reference solution."""
    spec = importlib.util.spec_from_file_location("m05_kmeans_solution", SOLUTION / "kmeans.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.KMeans  # type: ignore[no-any-return]


def datasets() -> dict[str, np.ndarray]:
    separated, _ = make_blobs(N_SAMPLES, N_FEATURES, centers=K, cluster_std=1.0, random_state=0)
    overlapping, _ = make_blobs(N_SAMPLES, N_FEATURES, centers=K, cluster_std=4.0, random_state=0)
    return {"8 separated blobs": separated, "8 overlapping blobs": overlapping}


def timed_fit(make: Callable[[int], Any], X: np.ndarray, seed: int) -> tuple[float, Any]:
    started = time.perf_counter()
    model = make(seed).fit(X)
    return time.perf_counter() - started, model


def compare(X: np.ndarray, threads: int | None) -> dict[str, Any]:
    """Interleaved fits of both libraries on X; medians and per-seed inertia ratios."""
    ours_cls = reference_kmeans()

    def ours(seed: int) -> Any:
        return ours_cls(random_state=seed, **SETTINGS)

    def sk(seed: int) -> Any:
        return SkKMeans(algorithm="lloyd", random_state=seed, **SETTINGS)

    times: dict[str, list[float]] = {"ours": [], "sklearn": []}
    ratios, iters_ours, iters_sk = [], [], []
    with threadpool_limits(limits=threads):
        timed_fit(ours, X, 99)  # warm up both (imports, thread pools, caches)
        timed_fit(sk, X, 99)
        for seed in range(REPEATS):
            t_ours, m_ours = timed_fit(ours, X, seed)
            t_sk, m_sk = timed_fit(sk, X, seed)
            times["ours"].append(t_ours)
            times["sklearn"].append(t_sk)
            ratios.append(float(m_ours.inertia_) / float(m_sk.inertia_))
            iters_ours.append(int(m_ours.n_iter_))
            iters_sk.append(int(m_sk.n_iter_))
    ours_s, sk_s = statistics.median(times["ours"]), statistics.median(times["sklearn"])
    return {
        "ours_median_s": ours_s,
        "sklearn_median_s": sk_s,
        "time_ratio": ours_s / sk_s,
        "inertia_ratio_median": statistics.median(ratios),
        "inertia_ratio_max": max(ratios),
        "inertia_ratio_min": min(ratios),
        "n_iter_ours_median": statistics.median(iters_ours),
        "n_iter_sklearn_median": statistics.median(iters_sk),
        "times_s": times,
    }


def machine() -> dict[str, Any]:
    from airoadmap.lab.machine import cpu_name

    blas = [f"{p['internal_api']} {p['num_threads']} threads" for p in threadpool_info()]
    return {
        "cpu": cpu_name(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "thread_pools": blas,
        "load_average_at_start": list(os.getloadavg()),
    }


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()
    rows = []
    for name, X in datasets().items():
        for threads in (None, 1):
            row = compare(X, threads)
            row.update({"data": name, "threads": "default" if threads is None else threads})
            row["time_goal_met"] = row["time_ratio"] <= GOAL_TIME_RATIO
            gap = max(abs(row["inertia_ratio_max"] - 1), abs(row["inertia_ratio_min"] - 1))
            row["inertia_goal_met"] = gap <= GOAL_INERTIA_GAP
            rows.append(row)
            print(
                f"{name}, threads={row['threads']}: ours {row['ours_median_s']:.3f} s, sklearn "
                f"{row['sklearn_median_s']:.3f} s, ratio {row['time_ratio']:.2f}, inertia ratio "
                f"{row['inertia_ratio_min']:.5f}..{row['inertia_ratio_max']:.5f}"
            )
    result = {
        "what": f"KMeans {N_SAMPLES} x {N_FEATURES}, {SETTINGS}, {REPEATS} seeds",
        "machine": info,
        "goal_time_ratio": GOAL_TIME_RATIO,
        "goal_inertia_gap": GOAL_INERTIA_GAP,
        "rows": rows,
    }
    (RESULTS / "kmeans.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f"K-Means, reference solution of m05-kmeans against scikit-learn "
        f'{info["sklearn"]} `KMeans(algorithm="lloyd")`: {N_SAMPLES:,} x {N_FEATURES}, '
        f"k={K}, n_init=10, median of {REPEATS} seeds, interleaved in one run on "
        f"{info['cpu']}, {info['cores']} cores (load average {info['load_average_at_start'][0]:.1f}"
        f" at start), Python {info['python']}, NumPy {info['numpy']}. Goals: time ratio at most "
        f"{GOAL_TIME_RATIO:g}x, inertia within {GOAL_INERTIA_GAP:.1%}.",
        "",
        "| data | threads | ours (s) | scikit-learn (s) | time ratio | inertia ratio (min..max) "
        "| iterations ours / sklearn | goals met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        met = "yes" if r["time_goal_met"] and r["inertia_goal_met"] else "no"
        lines.append(
            f"| {r['data']} | {r['threads']} | {r['ours_median_s']:.3f} | "
            f"{r['sklearn_median_s']:.3f} | {r['time_ratio']:.2f}x | "
            f"{r['inertia_ratio_min']:.5f}..{r['inertia_ratio_max']:.5f} | "
            f"{r['n_iter_ours_median']:g} / {r['n_iter_sklearn_median']:g} | {met} |"
        )
    table = "\n".join(lines) + "\n"
    (RESULTS / "kmeans.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
