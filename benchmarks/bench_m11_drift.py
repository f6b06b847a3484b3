"""The m11-drift solution's drift report against Evidently's data-drift preset (issue 12).

    make bench-drift
    # or, with an environment of benchmarks/envs/evidently/requirements.txt at hand:
    .venv/bin/python benchmarks/bench_m11_drift.py [--evidently-python PYTHON] [--keep DIR]

Runs the reference project of `airoadmap run m11-drift` (airoadmap.lab.drift.project) on its
seeded table of 100,000 reference and 100,000 current rows x 50 numeric columns (six drifted
in known ways): the m11-drift solution's `drift_report` and `ks_test`, CPU time measured in
this process. The same table, saved to a temporary .npz, goes to Evidently 0.7's
DataDriftPreset in the benchmark-only environment (Evidently needs pandas < 3: it stays out
of the main one), run as a subprocess (benchmarks/envs/evidently/run_evidently.py) that
reports the CPU time of its report: once with the KS test at the Bonferroni threshold
(alpha / 50: a column drifts when p <= 0.001, the verdicts of the solution's report with
correction="bonferroni"), once as shipped (the normed Wasserstein distance for this many rows).
Goal (issue 12): at least 40x less CPU than Evidently's preset with the same drifted-column
verdicts under KS. Without the environment the Evidently side is skipped with the reason.

Writes benchmarks/results/m11_drift.json and m11_drift.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
RUNNER = ROOT / "benchmarks" / "envs" / "evidently" / "run_evidently.py"
DEFAULT_PYTHON = ROOT / ".venv-bench-drift" / "bin" / "python"
GOAL_RATIO = 40.0  # Evidently's CPU / ours, at least (issue 12)
EVIDENTLY_TIMEOUT_S = 900


def evidently(python: Path, table: Path, method: str, threshold: float | None) -> dict[str, Any]:
    """Evidently's preset on `table` in the benchmark environment: its JSON, plus the CPU
    seconds of the whole subprocess (imports included), or {"skipped": reason}."""
    if not python.exists():
        return {
            "skipped": f"no benchmark environment at {python}: `make bench-drift` creates it "
            "(python3 -m venv .venv-bench-drift; pip install -r "
            "benchmarks/envs/evidently/requirements.txt)"
        }
    command = [str(python), str(RUNNER), str(table), "--method", method]
    if threshold is not None:
        command += ["--threshold", repr(threshold)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=EVIDENTLY_TIMEOUT_S, check=False
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"skipped": f"Evidently's run failed (exit {done.returncode}): {last}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_cpu_seconds"] = (after.ru_utime + after.ru_stime) - (
        before.ru_utime + before.ru_stime
    )
    return result


def variants(ours: dict[str, Any]) -> list[dict[str, Any]]:
    """Each computation of the run that yields KS verdicts: its CPU seconds and flagged
    columns (Bonferroni over the 50 columns)."""
    cpu, profiled = ours["cpu_seconds"], ours["profiled"]
    flagged = ours["verdicts"]["bonferroni"]["flagged"]
    same = flagged if profiled["same_verdicts"] else ["(differs from the solution)"]
    return [
        {"name": "solution: drift_report (KS + PSI)", "cpu_seconds":
            cpu["drift_report_bonferroni"], "flagged": flagged},
        {"name": "solution: ks_test", "cpu_seconds": cpu["ks_test"], "flagged": flagged},
        {"name": "profiled monitor, cold (reference sorted + one batch, KS + PSI)",
         "cpu_seconds": profiled["cold_cpu_seconds"], "flagged": same},
        {"name": "profiled monitor, per batch (KS + PSI)", "cpu_seconds":
            cpu["profiled_check"], "flagged": same},
        {"name": "profiled monitor, cold, limiting-distribution p-values", "cpu_seconds":
            cpu["profile_reference"] + cpu["profiled_check_limit"],
         "flagged": profiled["limit_flagged"]},
        {"name": "profiled monitor, per batch, limiting-distribution p-values",
         "cpu_seconds": cpu["profiled_check_limit"], "flagged": profiled["limit_flagged"]},
    ]  # fmt: skip


def compare(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Evidently's KS run beside each computation of ours: p-values, verdicts, CPU ratios."""
    rows = {r["column"]: r for r in ours["per_column"]}
    tiny = np.finfo(float).tiny
    log_diff = max(
        abs(np.log10(max(rows[c]["p_value"], tiny)) - np.log10(max(p, tiny)))
        for c, p in theirs["scores"].items()
    )
    table = [
        {
            **v,
            "ratio": theirs["cpu_seconds"] / v["cpu_seconds"],
            "same_verdicts": v["flagged"] == theirs["drifted"],
        }
        for v in variants(ours)
    ]
    return {
        "evidently_flagged": theirs["drifted"],
        "max_abs_log10_p_diff": float(log_diff),
        "variants": table,
        "goal_met_by": [
            v["name"] for v in table if v["same_verdicts"] and v["ratio"] >= GOAL_RATIO
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--evidently-python", type=Path, default=DEFAULT_PYTHON)
    parser.add_argument("--keep", type=Path, default=None, help="keep the run's artifacts here")
    parser.add_argument("--rows", type=int, default=None, help="a smaller table, for a try")
    args = parser.parse_args()

    from airoadmap.lab.drift import project
    from airoadmap.lab.machine import cpu_name
    from airoadmap.lab.stages import listening

    s = project.SETTINGS
    if args.rows is not None:
        s = dataclasses.replace(s, rows=args.rows)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        run_dir = args.keep or Path(folder)
        run_dir.mkdir(parents=True, exist_ok=True)
        with listening(lambda name: print(f"[{time.perf_counter() - started:6.1f} s] {name}")):
            ours = project.run_with(run_dir, s)
        table = project.make_table(s.rows, s.seed)
        saved = Path(folder) / "table.npz"
        np.savez(
            saved,
            reference=table.reference.to_numpy(float),
            current=table.current.to_numpy(float),
            columns=np.array([str(c) for c in table.reference.columns], dtype=str),
        )
        del table
        threshold = s.alpha / project.COLUMNS
        print(f"[{time.perf_counter() - started:6.1f} s] Evidently, KS at p <= {threshold:g}")
        ks = evidently(args.evidently_python, saved, "ks", threshold)
        print(f"[{time.perf_counter() - started:6.1f} s] Evidently, the preset as shipped")
        default = evidently(args.evidently_python, saved, "default", None)

    result: dict[str, Any] = {
        "machine": f"{cpu_name()}, {os.cpu_count()} cores, "
        f"{platform.system()}",
        "python": platform.python_version(),
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "wall_seconds": time.perf_counter() - started,
        "goal_ratio": GOAL_RATIO,
        "ours": {k: v for k, v in ours.items() if k != "per_column"},
        "evidently_ks": {k: v for k, v in ks.items() if k != "scores"},
        "evidently_default": {k: v for k, v in default.items() if k != "scores"},
    }
    if "skipped" not in ks:
        result["comparison_ks"] = compare(ours, ks)
        result["goal_met"] = bool(result["comparison_ks"]["goal_met_by"])
    if "skipped" not in default:
        result["ratio_default_vs_drift_report"] = (
            default["cpu_seconds"] / ours["cpu_seconds"]["drift_report_bonferroni"]
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "m11_drift.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    (RESULTS / "m11_drift.md").write_text(markdown(result), encoding="utf-8")
    print((RESULTS / "m11_drift.md").read_text(encoding="utf-8"))
    sys.exit(0)


def markdown(r: dict[str, Any]) -> str:
    """The results as a Markdown page."""
    o = r["ours"]
    n, k = o["rows"]["reference"], o["columns"]
    lines = [
        "# m11-drift: drift verdicts on 100k x 50, against Evidently's data-drift preset",
        "",
        f"{n:,} reference + {o['rows']['current']:,} current rows x {k} numeric columns, "
        f"{len(o['drifted_columns'])} drifted (seed {o['settings']['seed']}): "
        f"{', '.join(o['drifted_columns'])}. {r['machine']}, load average "
        f"{r['load_average_1min'][0]:.1f} before, {r['load_average_1min'][1]:.1f} after. "
        "CPU seconds of the computation in its own process (time.process_time; imports and "
        f"data loading excluded; ours the least of {o['settings']['repeats']} calls, "
        "Evidently one call).",
        "",
    ]
    e = r["evidently_ks"]
    if "skipped" in e:
        lines += [f"Evidently: skipped: {e['skipped']}", ""]
    else:
        lines += [
            f"Evidently {e['evidently']} (pandas {e['pandas']}) DataDriftPreset with "
            f"num_method='ks', threshold {e['threshold']:g} (alpha / {k}): "
            f"**{e['cpu_seconds']:.2f} s**, flagged {', '.join(e['drifted']) or 'none'} "
            f"(its import: {e['import_cpu_seconds']:.2f} s more).",
            "",
        ]
    d = r["evidently_default"]
    if "skipped" not in d:
        found = sorted(set(d["drifted"]) & set(o["drifted_columns"]))
        lines += [
            f"The preset as shipped ({', '.join(d['methods'])}): {d['cpu_seconds']:.2f} s, "
            f"flagged {', '.join(d['drifted']) or 'none'}: {len(found)} of the "
            f"{len(o['drifted_columns'])} drifted columns.",
            "",
        ]
    if "comparison_ks" in r:
        c = r["comparison_ks"]
        lines += [
            "| ours | CPU s | Evidently (KS) / ours | same verdicts as Evidently |",
            "|---|---|---|---|",
            *[
                f"| {v['name']} | {v['cpu_seconds']:.3f} | {v['ratio']:.1f}x | "
                f"{'yes' if v['same_verdicts'] else 'no: ' + ', '.join(v['flagged'])} |"
                for v in c["variants"]
            ],
            "",
            f"Largest difference of log10 p-values between Evidently and the solution: "
            f"{c['max_abs_log10_p_diff']:.2g}. Goal (issue 12): at least "
            f"{r['goal_ratio']:.0f}x less CPU with the same verdicts: "
            + (
                f"**met** by {'; '.join(c['goal_met_by'])}."
                if r["goal_met"]
                else "**not met** (the ratios above are the gap)."
            ),
        ]
    else:
        lines.append("Evidently's side was skipped: no ratio measured.")
    cpu = o["cpu_seconds"]
    lines += [
        "",
        f"Also measured: scipy.stats.ks_2samp column by column {cpu['scipy_ks_2samp']:.3f} s; "
        f"scipy.stats.kstwo.sf for the {k} p-values alone {cpu['kstwo_sf']:.3f} s; the "
        f"solution's psi {cpu['psi']:.3f} s.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
