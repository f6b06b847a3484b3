"""report.md of a pipeline run, and the comparison of tracked runs (markdown and text)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from airoadmap.lab.pipeline.config import PipelineConfig
from airoadmap.lab.pipeline.tracking import Store


def run_report(cfg: PipelineConfig, m: dict[str, Any]) -> str:
    """What ran, on which data, what each candidate scored, and where the champion is."""
    metric, data = m["metric"], m["data"]
    rows = [
        "| candidate | model | train | valid | test | run |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in m["candidates"].items():
        best = " **(best)**" if name == m["best_candidate"] else ""
        rows.append(
            f"| {name}{best} | {r['kind']} {_params(r['params'])} | {r[f'train_{metric}']:.4f} "
            f"| {r[f'valid_{metric}']:.4f} | {r[f'test_{metric}']:.4f} "
            f"| {r.get('run_id', '-')[:8]} |"
        )
    seconds = " · ".join(f"{k} {v:.2f} s" for k, v in m["seconds"].items())
    lines = [
        f"# m06 pipeline: {cfg.name}",
        "",
        f"Config: `{m['config'] or '(in code)'}`, seed {m['seed']}. Same config and seed give "
        "the same split, the same models and the same metrics.",
        "",
        "## Data",
        "",
        f"{data['rows']} rows from {data['source']}, validated against the "
        f"`{cfg.data.expectations}` expectations (pandera: types, ranges, allowed values, "
        "missing values, table rules). Dropped before training: "
        f"{', '.join(cfg.data.drop) or 'nothing'}.",
        "",
        f"Split (stratified: {cfg.split.stratify}): {data['train']} train, {data['valid']} "
        f"validation (ranks runs, picks the champion), {data['test']} test (scored for the "
        "record, never used to choose).",
        "",
        f"Data set hash `{data['dataset_hash'][:16]}`, validation rows hash "
        f"`{data['valid_hash'][:16]}` (runs with the same validation hash are comparable).",
        "",
        f"## Candidates ({metric}; higher is better)",
        "",
        *rows,
        "",
        "Figures: `roc_valid.png` (all candidates), `evaluation_<candidate>.png` (ROC and "
        "confusion matrix on the validation rows, also logged in the candidate's run).",
        "",
    ]
    champion = m.get("champion")
    if champion is None:
        lines += ["## Tracking", "", "Run without tracking (no MLflow runs, no registry).", ""]
    else:
        load = (
            f'`mlflow.sklearn.load_model("models:/{champion["model"]}@{champion["alias"]}")` '
            f"(with the tracking URI `{m['tracking_uri']}`)"
        )
        lines += [
            "## Registry",
            "",
            f"`{champion['model']}@{champion['alias']}`: {champion['note']}.",
            "",
            f"Load the champion: {load}.",
            "",
            "## Tracking",
            "",
            f"Every candidate is one MLflow run in experiment `{cfg.tracking.experiment}` "
            "(parameters, metrics on train/valid/test, the data hashes, the figure, the model "
            "with its signature and an input example).",
            "",
            f"- compare runs: `{m['compare_command']}`",
            f"- open the UI: `{m['mlflow_ui']}`",
            "",
        ]
    lines += [f"Wall time: {seconds}.", ""]
    return "\n".join(lines)


def _params(params: dict[str, Any]) -> str:
    return "(" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")" if params else ""


COLUMNS = ["run", "started", "model", "seed", "params"]


def _shown(table: pd.DataFrame, metric: str) -> pd.DataFrame:
    cols = [*COLUMNS, f"valid_{metric}", f"test_{metric}", "valid_hash", "champion"]
    shown = table[cols].copy()
    shown["started"] = shown["started"].dt.strftime("%Y-%m-%d %H:%M:%S")
    shown["champion"] = shown["champion"].map({True: "yes", False: ""})
    return shown


def compare_text(table: pd.DataFrame, metric: str) -> str:
    """The comparison as plain text for the terminal."""
    if table.empty:
        return "No tracked runs yet: `airoadmap run m06-pipeline` makes some."
    shown = _shown(table, metric)
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        return shown.to_string(index=False, float_format=lambda v: f"{v:.4f}")


def compare_report(cfg: PipelineConfig, table: pd.DataFrame, store: Store) -> str:
    """The comparison report: every finished run of the experiment, best validation score first."""
    metric = cfg.evaluate.metric
    head = [
        f"# Tracked runs of `{cfg.tracking.experiment}`, by validation {metric}",
        "",
        f"Store: `{store.uri}`. Open it in the MLflow UI: `{store.ui_command()}`.",
        "",
    ]
    if table.empty:
        return "\n".join([*head, "No finished runs yet.", ""])
    shown = _shown(table, metric)
    lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
    for row in shown.itertuples(index=False):
        cells = [f"{v:.4f}" if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    hashes = table["valid_hash"].nunique()
    note = (
        f"The runs were measured on {hashes} different sets of validation rows (column "
        "`valid_hash`): compare scores only between runs with the same hash."
        if hashes > 1
        else "All runs were measured on the same validation rows: their scores compare."
    )
    return "\n".join([*head, *lines, "", note, ""])
