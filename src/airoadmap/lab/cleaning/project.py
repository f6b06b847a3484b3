"""`airoadmap run m01-cleaning`: the messy Titanic through the reference cleaning tool.

Writes into the run folder: messy.csv (the registry's Titanic with seeded faults),
titanic.toml (the spec), clean.parquet and report.json (the tool's output), report.md,
changes_per_rule.png (cells each rule changed, by column) and agreement.png (per column, the
share of cells equal to the known clean data: read with pandas' defaults, and cleaned).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd

from airoadmap.lab.cleaning import messify
from airoadmap.lab.cleaning.compare import column_agreement, overall
from airoadmap.lab.cleaning.spec import titanic_spec, titanic_spec_path
from airoadmap.lab.cleaning.tool import clean_file
from airoadmap.lab.stages import stage

SEED = 2024  # the seed the exercise's brief gives the learner
RULE_LABELS = {
    "missing": "missing markers",
    "text": "text spacing",
    "category": "category spelling",
    "number": "numbers with units",
    "date": "date formats",
    "invalid": "unreadable values",
    "impossible": "impossible values",
    "outliers": "outliers flagged",
}


def nonzero(cells: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """The report's counts without the zeros (what two reports must agree on)."""
    return {rule: {c: n for c, n in per.items() if n} for rule, per in cells.items()}


def run(run_dir: Path) -> dict[str, Any]:
    """Make the messy Titanic, clean it with the tool, judge the result; write artifacts."""
    stage("making the messy Titanic")
    clean = messify.titanic_clean()
    spec = titanic_spec()
    messy = messify.make_messy(clean, SEED, spec.as_dict())
    messy_csv = run_dir / "messy.csv"
    messy.frame.to_csv(messy_csv, index=False)
    spec_path = run_dir / "titanic.toml"
    shutil.copyfile(titanic_spec_path(), spec_path)

    stage("cleaning it with the spec-driven tool")
    report = clean_file(messy_csv, spec_path, run_dir / "clean.parquet", run_dir / "report.json")
    stage("comparing every cell with the clean Titanic")
    cleaned = pd.read_parquet(run_dir / "clean.parquet")
    expected = messy.expected_output()
    truth = messy.expected_report()
    after = column_agreement(cleaned, expected)
    # Before: the same file read with pandas' defaults, row by row against its clean row.
    naive = pd.read_csv(messy_csv)
    before = column_agreement(naive, messy.expected.iloc[messy.source_rows])
    matches = (
        nonzero(report["cells"]) == nonzero(truth["cells"])
        and report["rows_dropped"] == truth["rows_dropped"]
        and report["rows_out"] == truth["rows_out"]
    )

    stage("drawing the figures, writing the report")
    _plot_changes(report, run_dir / "changes_per_rule.png")
    _plot_agreement(before, after, run_dir / "agreement.png")
    totals = {rule: sum(per.values()) for rule, per in report["cells"].items()}
    metrics: dict[str, Any] = {
        "data": {"clean_rows": len(clean), "seed": SEED, "spec": spec_path.name},
        "rows_in": report["rows_in"],
        "rows_out": report["rows_out"],
        "duplicates_dropped": report["rows_dropped"]["duplicates"],
        "cells_per_rule": totals,
        "agreement": overall(after),
        "agreement_before": overall(before),
        "agreement_by_column": after,
        "report_matches_injected": matches,
        "seconds": report["seconds"],
    }
    (run_dir / "report.md").write_text(_markdown(metrics, report, before, after), encoding="utf-8")
    return metrics


def _markdown(
    metrics: dict[str, Any],
    report: dict[str, Any],
    before: dict[str, float],
    after: dict[str, float],
) -> str:
    lines = [
        "# m01-cleaning: the messy Titanic, cleaned",
        "",
        f"`messy.csv`: the registry's Titanic ({metrics['data']['clean_rows']} passengers) with "
        f"faults injected by `make_messy(seed={metrics['data']['seed']})`; cleaned by the "
        "reference tool with `titanic.toml` into `clean.parquet` and `report.json`.",
        "",
        "| | |",
        "|---|---|",
        f"| rows in | {metrics['rows_in']} |",
        f"| rows out | {metrics['rows_out']} |",
        f"| duplicate rows dropped | {metrics['duplicates_dropped']} |",
        f"| cells equal to the known clean data | {metrics['agreement']:.2%} |",
        f"| the same, read with `pd.read_csv` defaults | {metrics['agreement_before']:.2%} |",
        f"| report counts equal to the faults injected | "
        f"{'yes' if metrics['report_matches_injected'] else 'NO'} |",
        f"| seconds (read, clean, total) | {report['seconds']['read']:.3f}, "
        f"{report['seconds']['clean']:.3f}, {report['seconds']['total']:.3f} |",
        "",
        "## Cells changed per rule",
        "",
        "| rule | cells | by column |",
        "|---|---:|---|",
    ]
    for rule, per in report["cells"].items():
        parts = ", ".join(f"{c} {n}" for c, n in per.items() if n)
        lines.append(f"| {RULE_LABELS.get(rule, rule)} | {sum(per.values())} | {parts} |")
    lines += [
        "",
        "![changes per rule](changes_per_rule.png)",
        "",
        "## Agreement with the clean data, per column",
        "",
        "| column | read with defaults | cleaned |",
        "|---|---:|---:|",
    ]
    for name, value in after.items():
        shown = f"{before[name]:.1%}" if name in before else "-"
        lines.append(f"| {name} | {shown} | {value:.1%} |")
    lines += ["", "![agreement](agreement.png)", ""]
    return "\n".join(lines)


def _plot_changes(report: dict[str, Any], path: Path) -> None:
    """Stacked horizontal bars: cells per rule, one colour per column; duplicates as rows."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cells = report["cells"]
    rules = [r for r in cells if sum(cells[r].values())]
    columns = sorted({c for r in rules for c, n in cells[r].items() if n})
    palette = plt.get_cmap("tab20")
    colours = [palette(i) for i in (*range(0, 20, 2), *range(1, 20, 2))]  # dark ones first
    fig, ax = plt.subplots(figsize=(9, 0.5 * (len(rules) + 1) + 1.5))
    labels = [RULE_LABELS.get(r, r) for r in rules] + ["duplicate rows dropped"]
    y = list(range(len(labels)))
    for i, column in enumerate(columns):
        left = [sum(cells[r].get(c, 0) for c in columns[:i]) for r in rules]
        widths = [cells[r].get(column, 0) for r in rules]
        ax.barh(y[:-1], widths, left=left, color=colours[i % len(colours)], label=column)
    dropped = report["rows_dropped"]["duplicates"]
    ax.barh(y[-1], dropped, color="0.4")
    for yi, rule in zip(y, rules, strict=False):
        ax.text(sum(cells[rule].values()), yi, f" {sum(cells[rule].values())}", va="center")
    ax.text(dropped, y[-1], f" {dropped} rows", va="center")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("cells changed (bars of the last line: rows)")
    ax.set_title(
        f"Messy Titanic: what each rule changed ({report['rows_in']} rows in, "
        f"{report['rows_out']} out)"
    )
    widest = max([sum(cells[r].values()) for r in rules] + [dropped, 1])
    ax.set_xlim(0, widest * 1.12)  # room for the numbers after the bars
    ax.legend(title="column", loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _plot_agreement(before: dict[str, float], after: dict[str, float], path: Path) -> None:
    """Per column: share of cells equal to the clean data, read naively and cleaned."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    names = [n for n in after if n in before]  # the data columns (flags have no "before")
    y = np.arange(len(names))
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(names) + 1.6))
    ax.barh(y - 0.2, [100 * before.get(n, 0.0) for n in names], 0.4, color="0.7")
    ax.barh(y + 0.2, [100 * after[n] for n in names], 0.4, color="tab:green")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("cells equal to the known clean data (%)")
    ax.set_title(
        "Messy Titanic: cells equal to the clean data, "
        f"{100 * overall(before):.1f}% before, "
        f"{100 * overall({n: after[n] for n in names}):.1f}% after cleaning"
    )
    ax.legend(
        ["read with pd.read_csv's defaults", "cleaned with titanic.toml"],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        ncol=2,
        frameon=False,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
