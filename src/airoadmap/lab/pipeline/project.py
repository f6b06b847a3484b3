"""`airoadmap run m06-pipeline [--config FILE] [--compare]`: the config-driven pipeline.

A run: ingest -> validate -> split -> then, per candidate model, preprocess -> train ->
evaluate -> track (one MLflow run each) -> and last, register (the registry alias moves to
the best run measured on the same validation rows). Writes into the run folder
report.md, one evaluation figure per candidate, roc_valid.png (all candidates), and, when
the data fail validation, validation_report.md. `--compare` trains nothing: it tabulates
every tracked run of the experiment (report.md, compare.csv, compare.png).

Same config and seed, same metrics: the split and every model are seeded from `seed`.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from airoadmap.lab.pipeline import figures, report, stages, tracking
from airoadmap.lab.pipeline.config import DEFAULT_CONFIG, PipelineConfig, load_config, reference
from airoadmap.lab.stages import stage

Echo = Callable[[str], None]


def run(run_dir: Path, *, config: Path | None = None, compare: bool = False) -> dict[str, Any]:
    """Run the pipeline of `config` (the packaged Titanic config by default) into `run_dir`,
    or with `compare`, compare the tracked runs of its experiment."""
    cfg = load_config(config)
    store = tracking.store_for(run_dir, _store_folder(cfg))
    if compare:
        return compare_runs(cfg, store, run_dir)
    return execute(cfg, run_dir, store=store)


def _store_folder(cfg: PipelineConfig) -> Path | None:
    return cfg.resolve(cfg.tracking.store) if cfg.tracking.store is not None else None


class Timer:
    """Wall time per stage, summed over candidates."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def execute(
    cfg: PipelineConfig,
    run_dir: Path,
    *,
    store: tracking.Store | None,
    echo: Echo | None = print,
) -> dict[str, Any]:
    """Every stage, in order. `store=None` runs without tracking or registry (the
    benchmark's baseline); `echo` prints the progress lines (None: silent)."""
    say = echo or (lambda _: None)
    timer = Timer()
    started = time.perf_counter()
    say(f"m06-pipeline: {cfg.name}, config {cfg.path or '(in code)'}, seed {cfg.seed}")

    stage("ingest, validate, split")
    with timer.stage("ingest"):
        ingested = stages.ingest(cfg)
    say(f"  ingest    {len(ingested.frame)} rows from {ingested.source}")
    with timer.stage("validate"):
        valid_frame = stages.validate(ingested, cfg, run_dir / "validation_report.md")
    say(f"  validate  passed: {cfg.data.expectations} expectations")
    with timer.stage("split"):
        parts = stages.split(valid_frame, cfg)
    sizes = parts.sizes()
    say(f"  split     {sizes['train']} train / {sizes['valid']} valid / {sizes['test']} test")

    ref = reference()
    target = cfg.data.target
    X_all = valid_frame.drop(columns=[target, *cfg.data.drop], errors="ignore")
    hashes = {
        "dataset_hash": ref.data_hash(X_all, valid_frame[target]),  # every row, as read
        "valid_hash": ref.data_hash(parts.X_valid, parts.y_valid),  # what ranks the runs
    }
    metric = cfg.evaluate.metric
    results: dict[str, dict[str, Any]] = {}
    curves: dict[str, tuple[Any, Any]] = {}
    for candidate in cfg.candidates:
        stage(f"{candidate.name}: preprocess, train, evaluate, track")
        with timer.stage("preprocess"):
            pipeline = stages.preprocess(cfg, candidate)
        with timer.stage("train"):
            fit_started = time.perf_counter()
            model = stages.train(pipeline, parts)
            fit_seconds = time.perf_counter() - fit_started
        with timer.stage("evaluate"):
            scores = stages.evaluate(model, parts)
            proba = stages.positive_proba(model, parts.X_valid)
            curves[candidate.name] = (parts.y_valid.to_numpy() == 1, proba)
            figure = figures.evaluation(
                candidate.name,
                parts.y_valid,
                proba,
                model.predict(parts.X_valid),
                run_dir / f"evaluation_{candidate.name}.png",
                metric=metric,
                score=scores[f"valid_{metric}"],
            )
        entry: dict[str, Any] = {"kind": candidate.kind, "params": dict(candidate.params)}
        entry.update(scores)
        entry["fit_seconds"] = fit_seconds
        if store is not None:
            with timer.stage("track"):
                cand_cfg = cfg.candidate_config(candidate)
                entry["run_id"] = tracking.log_candidate(
                    store,
                    cfg.tracking.experiment,
                    candidate.name,
                    partial(ref.log_run, cand_cfg, model, parts.X_train, parts.y_train, scores),
                    tags={
                        **hashes,
                        "candidate": candidate.name,
                        "source": ingested.source,
                        "config_file": str(cfg.path or ""),
                        "metric": metric,
                    },
                    artifacts=[figure],
                    config=cfg.model_dump(mode="json"),
                )
        results[candidate.name] = entry
        shown = f"  run {entry['run_id'][:8]}" if "run_id" in entry else ""
        say(
            f"  {candidate.name:<9} valid {metric} {scores[f'valid_{metric}']:.4f}"
            f"  test {scores[f'test_{metric}']:.4f}{shown}"
        )
    best = max(results, key=lambda name: results[name][f"valid_{metric}"])
    from airoadmap.lab.figures import roc_curves

    roc_curves(curves, run_dir / "roc_valid.png", title=f"Validation rows ({sizes['valid']}): ROC")

    champion: tracking.Champion | None = None
    if store is not None:
        stage("register the best model")
        with timer.stage("register"):
            champion = stages.register(cfg, store, hashes["valid_hash"])
        say(f"  register  {cfg.tracking.registered_model}@{cfg.tracking.alias}: {champion.note}")

    metrics: dict[str, Any] = {
        "config": str(cfg.path) if cfg.path else None,
        "seed": cfg.seed,
        "data": {"source": ingested.source, "rows": len(ingested.frame), **sizes, **hashes},
        "metric": metric,
        "candidates": results,
        "best_candidate": best,
        f"best_valid_{metric}": results[best][f"valid_{metric}"],
        "champion": None if champion is None else _champion_dict(champion),
        "seconds": {**timer.seconds, "total": time.perf_counter() - started},
    }
    if store is not None:
        metrics["tracking_uri"] = store.uri
        metrics["mlflow_ui"] = store.ui_command()
        metrics["compare_command"] = compare_command(cfg, run_dir)
    (run_dir / "report.md").write_text(report.run_report(cfg, metrics), encoding="utf-8")
    if store is not None:
        say(f"Compare the tracked runs: {metrics['compare_command']}")
        say(f"Open the MLflow UI:       {store.ui_command()}")
    return metrics


def compare_command(cfg: PipelineConfig, run_dir: Path) -> str:
    """The `airoadmap run m06-pipeline --compare` that finds this run's store again."""
    from airoadmap.lab.projects import default_runs_dir

    parts = ["airoadmap", "run", "m06-pipeline", "--compare"]
    if cfg.path is not None and cfg.path != DEFAULT_CONFIG.resolve():
        parts += ["--config", str(cfg.path)]
    runs_root = run_dir.resolve().parent.parent
    if cfg.tracking.store is None and runs_root != default_runs_dir().resolve():
        parts += ["--out", str(runs_root)]
    return shlex.join(parts)


def _champion_dict(champion: tracking.Champion) -> dict[str, Any]:
    return {
        "model": champion.name,
        "alias": champion.alias,
        "version": champion.version,
        "run_id": champion.run_id,
        "run_name": champion.run_name,
        "score": champion.score,
        "moved": champion.moved,
        "note": champion.note,
    }


def compare_runs(
    cfg: PipelineConfig, store: tracking.Store, run_dir: Path, *, echo: Echo | None = print
) -> dict[str, Any]:
    """Tabulate every finished run of the config's experiment, best first."""
    say = echo or (lambda _: None)
    stage("comparing the tracked runs")
    metric = cfg.evaluate.metric
    table = tracking.runs_table(
        store,
        cfg.tracking.experiment,
        metric=metric,
        model_name=cfg.tracking.registered_model,
        alias=cfg.tracking.alias,
    )
    text = report.compare_report(cfg, table, store)
    (run_dir / "report.md").write_text(text, encoding="utf-8")
    if not table.empty:
        table.to_csv(run_dir / "compare.csv", index=False)
        figures.comparison(
            table, run_dir / "compare.png", metric=metric, min_score=cfg.evaluate.min_score
        )
    say(report.compare_text(table, metric))
    say(f"Open the MLflow UI: {store.ui_command()}")
    records = table.astype({"started": str}).to_dict(orient="records") if not table.empty else []
    return {
        "experiment": cfg.tracking.experiment,
        "metric": metric,
        "runs": records,
        "tracking_uri": store.uri,
        "mlflow_ui": store.ui_command(),
    }
