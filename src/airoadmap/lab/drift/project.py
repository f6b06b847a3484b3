"""`airoadmap run m11-drift`: the m11-drift solution's drift report on 100,000 x 50 rows.

1. Make a seeded table: `rows` reference and `rows` current rows, 50 numeric columns of four
   families (normal, lognormal, uniform, Poisson counts with many ties); the last six are
   drifted in known ways (DRIFTED), from a 0.05 sd shift to a Poisson rate 5% higher.
2. Run the m11-drift solution's `drift_report` (imported through lab/reference.py) with
   Bonferroni and with Benjamini-Hochberg, its `ks_test` and `psi` alone; the CPU time of
   each is the least of `repeats` calls (time.process_time: this process only).
3. Score the verdicts against the known drifted columns; compare the statistics and p-values
   with scipy.stats.ks_2samp (asymptotic) column by column, timed the same way: the baseline
   a monitor written without vectorising would run.
4. Profile the reference once (lab/drift/fast.py: each column sorted, PSI bins) and test the
   batch against it, with the solution's p-values and with Kolmogorov's limiting
   distribution: results compared with the solution's, CPU time measured the same way.
5. Write drift.png (p-values and PSI per column, CPU time per computation), report.csv (the
   solution's report), report.md; return the metrics (metrics.json).

benchmarks/bench_m11_drift.py sets the same table beside Evidently's data-drift preset.
"""

from __future__ import annotations

import importlib.metadata
import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from scipy.stats import kstwo

from airoadmap.lab.drift.fast import ReferenceProfile
from airoadmap.lab.figures import DPI, pyplot
from airoadmap.lab.reference import reference_module
from airoadmap.lab.stages import stage

EXERCISE = "m11-drift"
COLUMNS = 50
CORRECTIONS = ("bonferroni", "bh")
VERDICT_CORRECTION = "bonferroni"  # the verdicts compared with other tools (p x 50 < alpha)
# A common reading of PSI (the m11-drift brief): below 0.1 stable, above 0.25 a shift.
PSI_MODERATE, PSI_SHIFT = 0.1, 0.25
# The drifted columns: (numpy Generator method, reference parameters, current parameters);
# the other columns are drawn alike on both sides.
DRIFTED: dict[str, tuple[str, tuple[float, ...], tuple[float, ...]]] = {
    "x44": ("normal", (50.0, 10.0), (50.5, 10.0)),  # a 0.05 sd shift: the subtle one
    "x45": ("normal", (0.0, 1.0), (0.0, 1.1)),  # the spread grows
    "x46": ("normal", (0.0, 2.0), (0.6, 2.0)),
    "x47": ("poisson", (3.0,), (3.15,)),  # counts: many ties
    "x48": ("lognormal", (3.0, 0.8), (3.0, 0.85)),
    "x49": ("uniform", (0.0, 100.0), (0.0, 102.0)),
}


def describe(column: str) -> str:
    """How a drifted column moves, e.g. "normal(50.0, 10.0) -> normal(50.5, 10.0)"."""
    method, before, after = DRIFTED[column]
    return f"{method}{before} -> {method}{after}".replace(",)", ")")


# What each timed computation is, for the figure and the report.
CPU_LABELS = {
    "drift_report_bonferroni": "solution: drift_report, Bonferroni (KS + PSI)",
    "drift_report_bh": "solution: drift_report, BH (KS + PSI)",
    "ks_test": "solution: ks_test",
    "psi": "solution: psi",
    "scipy_ks_2samp": "scipy.stats.ks_2samp, column by column",
    "profile_reference": "profile: the reference sorted (once)",
    "profiled_check": "profiled: KS + PSI of a batch",
    "profiled_check_limit": "profiled, limiting-distribution p-values",
    "kstwo_sf": "scipy.stats.kstwo.sf: the p-values alone",
}

T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """The size of a run (tests put tiny ones in `SETTINGS`)."""

    rows: int = 100_000  # reference rows, and as many current rows
    seed: int = 11
    alpha: float = 0.05
    bins: int = 10
    repeats: int = 3  # timed calls of each computation; the least CPU time counts


SETTINGS = Settings()


@dataclass(frozen=True)
class Table:
    """Reference and current frames of the same numeric columns, and the drifted ones."""

    reference: pd.DataFrame
    current: pd.DataFrame
    drifted: tuple[str, ...]


def make_table(rows: int, seed: int) -> Table:
    """`rows` reference and `rows` current rows x COLUMNS numeric columns, seeded.

    x00-x43 stable (x{i} by i % 4: normal with mean i, lognormal, uniform 0-100, Poisson
    counts as floats: many ties); x44-x49 drifted as DRIFTED says.
    """
    rng = np.random.default_rng(seed)
    ref: dict[str, np.ndarray] = {}
    cur: dict[str, np.ndarray] = {}
    for i in range(COLUMNS - len(DRIFTED)):
        name = f"x{i:02d}"
        for side in (ref, cur):
            family = i % 4
            if family == 0:
                side[name] = rng.normal(i, 1 + i / 10, rows)
            elif family == 1:
                side[name] = rng.lognormal(3.0, 0.8, rows)
            elif family == 2:
                side[name] = rng.uniform(0, 100, rows)
            else:
                side[name] = rng.poisson(1 + i / 4, rows).astype(float)
    for name, (method, before, after) in DRIFTED.items():
        draw = getattr(rng, method)
        ref[name] = np.asarray(draw(*before, rows), dtype=float)
        cur[name] = np.asarray(draw(*after, rows), dtype=float)
    return Table(pd.DataFrame(ref), pd.DataFrame(cur), tuple(DRIFTED))


def solution() -> ModuleType:
    """The m11-drift reference solution's drift.py (or the learner's, with --mine)."""
    return reference_module(EXERCISE, "drift")


def cpu_time(fn: Callable[[], T], repeats: int) -> tuple[T, float, float]:
    """fn's result, and the least CPU seconds (this process) and wall seconds of `repeats`
    calls."""
    cpu, wall, result = [], [], None
    for _ in range(max(1, repeats)):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    assert result is not None
    return result, min(cpu), min(wall)


def log10(p: np.ndarray) -> np.ndarray:
    """log10 of p-values, a p-value of 0 (below the smallest float) read as that float."""
    return np.log10(np.maximum(p, np.finfo(float).tiny))


def verdicts(flagged: list[str], drifted: tuple[str, ...]) -> dict[str, Any]:
    """Flagged columns scored against the truly drifted ones."""
    truth = set(drifted)
    return {
        "flagged": sorted(flagged),
        "found": sorted(truth & set(flagged)),
        "missed": sorted(truth - set(flagged)),
        "false_alarms": sorted(set(flagged) - truth),
        "recall": len(truth & set(flagged)) / len(truth),
    }


def scipy_ks(reference: np.ndarray, current: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """scipy.stats.ks_2samp (asymptotic p-value) column by column: (statistics, p-values)."""
    from scipy.stats import ks_2samp

    results = [
        ks_2samp(reference[:, j], current[:, j], method="asymp") for j in range(reference.shape[1])
    ]
    return (
        np.array([r.statistic for r in results], dtype=float),
        np.array([r.pvalue for r in results], dtype=float),
    )


def run(run_dir: Path) -> dict[str, Any]:
    """Run the m11-drift solution on a seeded 100,000 x 50 table; artifacts go to `run_dir`."""
    return run_with(run_dir, SETTINGS)


def run_with(run_dir: Path, s: Settings) -> dict[str, Any]:
    """`run` with other settings (the benchmark's longer phases, the tests' tiny ones)."""
    sol = solution()
    stage(f"making the table: {s.rows:,} + {s.rows:,} rows x {COLUMNS} columns (seed {s.seed})")
    table = make_table(s.rows, s.seed)
    ref, cur = table.reference.to_numpy(float), table.current.to_numpy(float)

    reports: dict[str, pd.DataFrame] = {}
    cpu: dict[str, float] = {}
    wall: dict[str, float] = {}
    for correction in CORRECTIONS:
        stage(f"the solution's drift_report with {correction}")
        key = f"drift_report_{correction}"
        reports[correction], cpu[key], wall[key] = cpu_time(
            partial(
                sol.drift_report,
                table.reference,
                table.current,
                alpha=s.alpha,
                correction=correction,
                bins=s.bins,
            ),
            s.repeats if correction == VERDICT_CORRECTION else 1,
        )
    stage("the solution's ks_test and psi alone, on the arrays")
    (statistic, pvalue), cpu["ks_test"], wall["ks_test"] = cpu_time(
        lambda: sol.ks_test(ref, cur), s.repeats
    )
    psi, cpu["psi"], wall["psi"] = cpu_time(lambda: sol.psi(ref, cur, s.bins), s.repeats)
    stage("scipy.stats.ks_2samp column by column")
    (sp_statistic, sp_pvalue), cpu["scipy_ks_2samp"], wall["scipy_ks_2samp"] = cpu_time(
        lambda: scipy_ks(ref, cur), s.repeats
    )
    en = np.round(len(ref) * len(cur) / (len(ref) + len(cur)))
    _, cpu["kstwo_sf"], wall["kstwo_sf"] = cpu_time(lambda: kstwo.sf(statistic, en), s.repeats)
    stage("the monitor with its reference profiled once (lab/drift/fast.py)")
    profile, cpu["profile_reference"], wall["profile_reference"] = cpu_time(
        lambda: ReferenceProfile(ref, s.bins), s.repeats
    )
    batch, cpu["profiled_check"], wall["profiled_check"] = cpu_time(
        lambda: profile.check(cur), s.repeats
    )
    limit, cpu["profiled_check_limit"], wall["profiled_check_limit"] = cpu_time(
        lambda: profile.check(cur, limit=True), s.repeats
    )

    report = reports[VERDICT_CORRECTION]
    columns = list(table.reference.columns)

    def flagged(p_values: np.ndarray) -> list[str]:
        """The columns whose Bonferroni-adjusted p-value is below alpha."""
        return sorted(c for c, p in zip(columns, p_values, strict=True) if p * COLUMNS < s.alpha)

    uncorrected = [c for c, p in zip(columns, pvalue, strict=True) if p < s.alpha]
    scores = {"none": verdicts(uncorrected, table.drifted)}
    for c in CORRECTIONS:
        scores[c] = verdicts(list(reports[c].index[reports[c]["drifted"]]), table.drifted)
    ours = scores[VERDICT_CORRECTION]["flagged"]
    scipy_flagged = flagged(sp_pvalue)
    metrics: dict[str, Any] = {
        "settings": asdict(s),
        "rows": {"reference": len(ref), "current": len(cur)},
        "columns": COLUMNS,
        "drifted_columns": {c: describe(c) for c in table.drifted},
        "verdict_correction": VERDICT_CORRECTION,
        "verdicts": scores,
        "recall": scores[VERDICT_CORRECTION]["recall"],
        "false_alarms": len(scores[VERDICT_CORRECTION]["false_alarms"]),
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "speedup_vs_scipy": cpu["scipy_ks_2samp"] / cpu["ks_test"],
        "profiled": {
            "max_abs_statistic_diff": float(np.max(np.abs(batch.statistic - statistic))),
            "max_abs_p_diff": float(np.max(np.abs(batch.p_value - pvalue))),
            "max_abs_psi_diff": float(np.max(np.abs(batch.psi - psi))),
            "same_verdicts": flagged(batch.p_value) == ours,
            "limit_flagged": flagged(limit.p_value),
            "limit_same_verdicts": flagged(limit.p_value) == ours,
            "limit_max_abs_log10_p_diff": float(
                np.max(np.abs(log10(limit.p_value) - log10(pvalue)))
            ),
            "cold_cpu_seconds": cpu["profile_reference"] + cpu["profiled_check"],
        },
        "scipy_agreement": {
            "max_abs_statistic_diff": float(np.max(np.abs(statistic - sp_statistic))),
            "max_abs_log10_p_diff": float(np.max(np.abs(log10(pvalue) - log10(sp_pvalue)))),
            "scipy_flagged": scipy_flagged,
            "same_verdicts": scipy_flagged == ours,
        },
        "per_column": [
            {
                "column": c,
                "drifted": c in table.drifted,
                "statistic": float(report.loc[c, "statistic"]),
                "p_value": float(report.loc[c, "p_value"]),
                "p_adjusted": float(report.loc[c, "p_adjusted"]),
                "psi": float(report.loc[c, "psi"]),
                "flagged": bool(report.loc[c, "drifted"]),
            }
            for c in columns
        ],
        "versions": {p: importlib.metadata.version(p) for p in ("numpy", "scipy", "pandas")},
        "machine": f"{platform.processor() or platform.machine()}, {platform.system()}",
    }
    stage("drawing the figure, writing the report")
    report.to_csv(run_dir / "report.csv")
    _figure(metrics, run_dir / "drift.png")
    (run_dir / "report.md").write_text(render_report(metrics), encoding="utf-8")
    return metrics


def _figure(m: dict[str, Any], path: Path) -> Path:
    """-log10 p-value and PSI per column, drifted columns in colour, the thresholds dashed."""
    plt = pyplot()
    rows = m["per_column"]
    x = np.arange(len(rows))
    colours = ["tab:red" if r["drifted"] else "tab:grey" for r in rows]
    logp = -log10(np.array([r["p_value"] for r in rows]))
    fig, (top, bottom, costs) = plt.subplots(
        3, 1, figsize=(11, 10), gridspec_kw={"height_ratios": [3, 3, 2.4]}
    )
    top.bar(x, logp, color=colours)
    top.set_yscale("symlog", linthresh=10)
    alpha = m["settings"]["alpha"]
    bonferroni = f"Bonferroni: p < {alpha:g} / {m['columns']}"
    top.axhline(-np.log10(alpha / m["columns"]), ls="--", c="k", lw=1, label=bonferroni)
    top.set_ylabel("-log10 KS p-value")
    top.legend(loc="upper left")
    top.set_title(
        f"{m['rows']['reference']:,} + {m['rows']['current']:,} rows: drifted columns in red; "
        f"recall {m['recall']:.0%}, {m['false_alarms']} false alarms"
    )
    bottom.bar(x, [r["psi"] for r in rows], color=colours)
    bottom.axhline(PSI_MODERATE, ls=":", c="k", lw=1, label=f"PSI {PSI_MODERATE:g}")
    bottom.axhline(PSI_SHIFT, ls="--", c="k", lw=1, label=f"PSI {PSI_SHIFT:g}")
    bottom.set_yscale("symlog", linthresh=1e-3)
    bottom.set_ylabel(f"PSI ({m['settings']['bins']} quantile bins)")
    bottom.legend(loc="upper left")
    top.set_xticks(x, [])
    bottom.set_xticks(x, [r["column"] for r in rows], rotation=90, fontsize=7)
    names = list(m["cpu_seconds"])
    costs.barh(range(len(names)), [m["cpu_seconds"][k] for k in names], color="tab:blue")
    costs.set_yticks(range(len(names)), [CPU_LABELS.get(k, k) for k in names], fontsize=8)
    costs.invert_yaxis()
    costs.set_xlabel("CPU seconds (this process)")
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def render_report(m: dict[str, Any]) -> str:
    """report.md: the verdicts, the agreement with SciPy, the CPU time."""
    v, cpu, agree, pr = m["verdicts"], m["cpu_seconds"], m["scipy_agreement"], m["profiled"]
    n, k = m["rows"]["reference"], m["columns"]
    lines = [
        "# Drift report: the m11-drift solution on a seeded table",
        "",
        f"{n:,} reference and {m['rows']['current']:,} current rows x {k} numeric columns "
        f"(seed {m['settings']['seed']}); {len(m['drifted_columns'])} columns drifted:",
        "",
        *[f"- {c}: {how}" for c, how in m["drifted_columns"].items()],
        "",
        "## Verdicts (KS p-value, alpha " + f"{m['settings']['alpha']:g})",
        "",
        "| correction | flagged | found | missed | false alarms |",
        "|---|---|---|---|---|",
        *[
            f"| {name} | {len(s['flagged'])} | {len(s['found'])} | "
            f"{', '.join(s['missed']) or '-'} | {', '.join(s['false_alarms']) or '-'} |"
            for name, s in v.items()
        ],
        "",
        f"scipy.stats.ks_2samp, column by column: largest statistic difference "
        f"{agree['max_abs_statistic_diff']:.2g}, largest difference of log10 p-values "
        f"{agree['max_abs_log10_p_diff']:.2g}; its Bonferroni verdicts are "
        + ("the same." if agree["same_verdicts"] else f"{agree['scipy_flagged']}: different."),
        "",
        "## CPU time (this process, the least of " + f"{m['settings']['repeats']} calls)",
        "",
        "| computation | what | CPU s | wall s |",
        "|---|---|---|---|",
        *[
            f"| {name} | {CPU_LABELS.get(name, name)} | {sec:.3f} | {m['wall_seconds'][name]:.3f} |"
            for name, sec in cpu.items()
        ],
        "",
        "## The monitor with its reference profiled once (lab/drift/fast.py)",
        "",
        f"The reference sorted once ({cpu['profile_reference']:.3f} s), each batch then costs "
        f"{cpu['profiled_check']:.3f} s for KS and PSI of every column: the solution's "
        f"results (largest differences: statistic {pr['max_abs_statistic_diff']:.2g}, p-value "
        f"{pr['max_abs_p_diff']:.2g}, PSI {pr['max_abs_psi_diff']:.2g}), "
        + ("the same verdicts." if pr["same_verdicts"] else "DIFFERENT verdicts."),
        f"With Kolmogorov's limiting distribution for the p-values "
        f"({cpu['profiled_check_limit']:.3f} s a batch; scipy's kstwo.sf alone takes "
        f"{cpu['kstwo_sf']:.3f} s for the {k} p-values, most of it where they are small) "
        "the log10 p-values move by up to "
        f"{pr['limit_max_abs_log10_p_diff']:.2g} and the verdicts are "
        + ("the same." if pr["limit_same_verdicts"] else f"{pr['limit_flagged']}: different."),
        "",
        f"scipy's ks_2samp called column by column takes {m['speedup_vs_scipy']:.2g}x the CPU "
        "of the solution's ks_test on the same arrays. Versions: "
        + ", ".join(f"{p} {ver}" for p, ver in m["versions"].items())
        + f"; {m['machine']}.",
        "",
        "## Limits",
        "",
        "- One seeded table of simulated columns: real columns have missing values, mixed "
        "types and seasonality that this table does not.",
        "- With this many rows the KS test flags shifts too small to matter: read the PSI "
        "beside the p-value before acting on an alarm.",
        "- CPU times depend on the machine and its load; the comparison with Evidently is "
        "benchmarks/bench_m11_drift.py's.",
        "",
    ]
    return "\n".join(lines)
