"""Run the segmentation of CDNOW end to end and write its artifacts (`airoadmap run`).

Artifacts in the run folder: k_selection.png, pca_segments.png, segment_profile.png,
snake_plot.png, segments.csv (customer -> segment), profile.csv, profile.md, k_curves.csv,
report.md; the returned metrics are saved as metrics.json by the caller.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

from airoadmap.lab.segmentation import analysis, figures, report
from airoadmap.lab.stages import stage

EXERCISE = "m05-segmentation"
SEED = 0
K_CURVE = range(2, 11)  # k shown in the figure; segment() chooses in SEGMENT_K_RANGE


def reference() -> ModuleType:
    """The exercise's reference solution, segmentation.py."""
    from airoadmap.lab.reference import reference_module

    return reference_module(EXERCISE, "segmentation")


def load_transactions() -> pd.DataFrame:
    """CDNOW's 69,659 purchase lines (tests replace this with a small frame)."""
    from airoadmap.datasets import load_frame

    return load_frame("cdnow")


def run(run_dir: Path) -> dict[str, Any]:
    """Segment the customers, write figures, tables and the report into `run_dir`."""
    stage("loading the CDNOW purchases")
    seg = reference()
    transactions = load_transactions()
    sample = seg.SILHOUETTE_SAMPLE
    k_range: range = seg.SEGMENT_K_RANGE

    stage("RFM per customer, segments by K-Means")
    rfm = seg.rfm_table(transactions)
    X = seg.scale_rfm(rfm)
    labels, profile = seg.segment(transactions, k_range, random_state=SEED)
    names = seg.name_segments(profile)
    k = len(profile)
    stage("inertia and silhouette for each k")
    curves = analysis.k_curves(seg, X, [i for i in K_CURVE if i < len(rfm)], SEED, sample)
    curves.to_csv(run_dir / "k_curves.csv")

    table = report.profile_table(profile, names)
    table.to_csv(run_dir / "profile.csv")
    (run_dir / "profile.md").write_text(report.markdown(table), encoding="utf-8")
    segments = rfm.assign(segment=labels, name=labels.map(names))
    segments[["segment", "name", *seg.RFM_COLUMNS]].to_csv(run_dir / "segments.csv")

    stage("drawing the figures, writing the report")
    elbow = analysis.elbow(curves)
    figures.plot_k_selection(curves, k_range, k, elbow, run_dir / "k_selection.png")
    projection = analysis.pca_2d(X, SEED)
    order = [int(s) for s in table.index]  # biggest spenders first, as in the tables
    figures.plot_pca_segments(projection, labels, names, order, run_dir / "pca_segments.png")
    figures.plot_profile_bars(table, run_dir / "segment_profile.png")
    means = analysis.scaled_means(X, labels, seg.RFM_COLUMNS)
    figures.plot_snake(means.loc[table.index], names, run_dir / "snake_plot.png")

    dates = transactions["date"]
    data = {
        "customers": len(rfm),
        "transactions": len(transactions),
        "first_day": str(dates.min().date()),
        "last_day": str(dates.max().date()),
        "snapshot": str((dates.max() + pd.Timedelta(days=1)).date()),
        "silhouette_sample": min(sample, len(rfm)),
    }
    silhouette = float(curves.loc[k, "silhouette"]) if k in curves.index else float("nan")
    report.write_report(
        run_dir / "report.md",
        data=data,
        curves=curves,
        k_range=k_range,
        k=k,
        elbow=elbow,
        silhouette=silhouette,
        table=table,
    )
    return {
        "data": data,
        "k": k,
        "k_range": [k_range.start, k_range.stop - 1],
        "silhouette": silhouette,
        "elbow": elbow,
        "inertia": float(curves.loc[k, "inertia"]) if k in curves.index else float("nan"),
        "pca_explained": [float(v) for v in projection.explained],
        "k_curves": {
            int(i): {"inertia": float(r["inertia"]), "silhouette": float(r["silhouette"])}
            for i, r in curves.iterrows()
        },
        "segments": [
            {
                "segment": int(s),
                "name": str(r["name"]),
                "size": int(r["size"]),
                "share": float(r["share"]),
                "recency": float(r["recency"]),
                "frequency": float(r["frequency"]),
                "monetary": float(r["monetary"]),
            }
            for s, r in table.iterrows()
        ],
        "sizes": {str(r["name"]): int(r["size"]) for _, r in table.iterrows()},
    }
