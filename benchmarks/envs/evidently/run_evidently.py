"""Evidently's data-drift preset on a table saved by benchmarks/bench_m11_drift.py.

    .venv-bench-drift/bin/python benchmarks/envs/evidently/run_evidently.py TABLE.npz \
        --method ks --threshold 0.001 --repeats 1

Runs in the benchmark-only environment (Evidently 0.7 needs pandas < 3), never imported by
airoadmap. TABLE.npz holds "reference" and "current" (rows x columns, float) and "columns"
(their names). `--method ks` sets the preset's numeric test to Kolmogorov-Smirnov with the
given p-value threshold (a column drifts when p <= threshold); `--method default` runs the
preset as shipped (for more than 1,000 rows: the normed Wasserstein distance, 0.1).
Prints one JSON object: versions, the CPU seconds of the import and of each report (this
process, time.process_time), and per column Evidently's score and its own verdict (its
"Value Drift for column" test failing).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from typing import Any

import_started = time.process_time()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from evidently import DataDefinition, Dataset, Report  # noqa: E402
from evidently.presets import DataDriftPreset  # noqa: E402

IMPORT_CPU = time.process_time() - import_started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("table")
    parser.add_argument("--method", choices=("ks", "default"), default="ks")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()

    data = np.load(args.table)
    columns = [str(c) for c in data["columns"]]
    reference = pd.DataFrame(data["reference"], columns=columns)
    current = pd.DataFrame(data["current"], columns=columns)
    definition = DataDefinition(numerical_columns=columns)
    options: dict[str, Any] = {}
    if args.method == "ks":
        options["num_method"] = "ks"
    if args.threshold is not None:
        options["threshold"] = args.threshold

    cpu, wall, snapshot = [], [], None
    for _ in range(max(1, args.repeats)):
        c0, w0 = time.process_time(), time.perf_counter()
        report = Report([DataDriftPreset(**options)], include_tests=True)
        snapshot = report.run(
            Dataset.from_pandas(current, data_definition=definition),
            Dataset.from_pandas(reference, data_definition=definition),
        ).dict()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    assert snapshot is not None

    scores: dict[str, float] = {}
    methods: dict[str, str] = {}
    for metric in snapshot["metrics"]:
        params = metric["config"]
        if params.get("type", "").endswith("ValueDrift"):
            scores[params["column"]] = float(metric["value"])
            methods[params["column"]] = str(params.get("method"))
    drifted = sorted(
        test["metric_config"]["params"]["column"]
        for test in snapshot["tests"]
        if test["metric_config"]["params"].get("type", "").endswith("ValueDrift")
        and test["status"] == "FAIL"
    )
    import evidently

    print(
        json.dumps(
            {
                "evidently": evidently.__version__,
                "pandas": pd.__version__,
                "numpy": np.__version__,
                "python": platform.python_version(),
                "method": args.method,
                "threshold": args.threshold,
                "import_cpu_seconds": IMPORT_CPU,
                "cpu_seconds": min(cpu),
                "cpu_seconds_all": cpu,
                "wall_seconds": min(wall),
                "scores": scores,
                "methods": sorted(set(methods.values())),
                "drifted": drifted,
            }
        )
    )


if __name__ == "__main__":
    main()
