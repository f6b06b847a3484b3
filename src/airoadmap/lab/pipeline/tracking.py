"""MLflow for the pipeline: a local SQLite store, one run per candidate, the registry.

The store lives in one folder that stays put from run to run (by default `mlflow/` next to
the run folders: `<runs>/m06-pipeline/mlflow/`), holding `mlruns.db` (runs, parameters,
metrics, the model registry) and `artifacts/` (models, figures). Its URI is passed to
MLflow when a run starts, never set at import, and nothing leaves the machine: telemetry,
progress bars and git lookups are off (`offline_environment`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

# MLflow reads these when it is imported or starts a run; a user's own setting wins.
OFFLINE_ENV = {
    "MLFLOW_DISABLE_TELEMETRY": "true",  # MLflow 3 sends usage events otherwise
    "MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR": "false",
    "GIT_PYTHON_REFRESH": "quiet",  # no error when `git` cannot run (the sandbox)
}


def offline_environment() -> None:
    """Keep MLflow local and quiet; call before importing mlflow."""
    for name, value in OFFLINE_ENV.items():
        os.environ.setdefault(name, value)


@contextlib.contextmanager
def quiet_mlflow() -> Iterator[None]:
    """MLflow's info lines (database migrations) and its library warnings muted meanwhile."""
    loggers = [logging.getLogger(name) for name in ("mlflow", "alembic")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module=r"(mlflow|alembic|sqlalchemy|skops)(\.|$)")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@dataclass(frozen=True)
class Store:
    """Where runs are tracked: a folder with mlruns.db and artifacts/."""

    folder: Path

    @property
    def uri(self) -> str:
        return f"sqlite:///{self.folder / 'mlruns.db'}"

    @property
    def artifacts(self) -> Path:
        return self.folder / "artifacts"

    def ui_command(self) -> str:
        """The command that opens the MLflow UI on this store."""
        return f"mlflow ui --backend-store-uri {shlex.quote(self.uri)}"


def store_for(run_dir: Path, configured: Path | None = None) -> Store:
    """The configured folder, or `mlflow/` beside the run folders (stable across runs)."""
    folder = (configured or run_dir.parent / "mlflow").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return Store(folder)


def client(store: Store) -> Any:
    """An MlflowClient on the store (tracking and registry in the same database)."""
    offline_environment()
    from mlflow import MlflowClient

    with quiet_mlflow():
        if not (store.folder / "mlruns.db").exists():
            _create_database(store)
        return MlflowClient(tracking_uri=store.uri, registry_uri=store.uri)


def _create_database(store: Store) -> None:
    """A new database whose default artifact root is the store's own artifacts/ folder
    (left to itself, MLflow would point its Default experiment at ./mlruns of whatever
    folder the first run started in)."""
    from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

    SqlAlchemyStore(store.uri, str(store.artifacts))


def experiment_id(store: Store, name: str) -> str:
    """The experiment's id, created (with its artifacts under the store) when new."""
    mlflow_client = client(store)
    with quiet_mlflow():
        found = mlflow_client.get_experiment_by_name(name)
        if found is None:
            return str(
                mlflow_client.create_experiment(name, artifact_location=str(store.artifacts / name))
            )
        if found.lifecycle_stage == "deleted":
            mlflow_client.restore_experiment(found.experiment_id)
        return str(found.experiment_id)


def log_candidate(
    store: Store,
    experiment: str,
    run_name: str,
    log: Callable[[], None],
    *,
    tags: Mapping[str, str],
    artifacts: Sequence[Path] = (),
    config: Mapping[str, Any] | None = None,
) -> str:
    """One MLflow run: `log()` records the model in it (the exercise's log_run), then the
    tags, the figures and the config; returns the run id."""
    offline_environment()
    import mlflow

    exp_id = experiment_id(store, experiment)
    mlflow.set_tracking_uri(store.uri)
    with quiet_mlflow(), mlflow.start_run(experiment_id=exp_id, run_name=run_name) as run:
        log()
        mlflow.set_tags(dict(tags))
        for path in artifacts:
            mlflow.log_artifact(str(path), artifact_path="figures")
        if config is not None:
            mlflow.log_dict(dict(config), "config.json")
    return str(run.info.run_id)


@dataclass(frozen=True)
class Champion:
    """The registered model version the alias points to after a run (or why there is none)."""

    name: str
    alias: str
    version: str | None
    run_id: str | None
    run_name: str | None
    score: float | None
    moved: bool  # the alias moved to a new version in this run
    note: str


def promote(
    store: Store,
    experiment: str,
    *,
    metric: str,
    min_score: float,
    valid_hash: str,
    model_name: str,
    alias: str,
) -> Champion:
    """Point `alias` of the registered model at the best run measured on the same validation
    rows (tag `valid_hash`), registering that run's model when it is not registered yet.

    Best: the highest `valid_<metric>`; on a tie the older run keeps the title. A best run
    under `min_score` registers nothing.
    """
    from mlflow.exceptions import MlflowException

    mlflow_client = client(store)
    key = f"valid_{metric}"
    exp_id = experiment_id(store, experiment)
    with quiet_mlflow():
        runs = mlflow_client.search_runs(
            [exp_id],
            filter_string=f"tags.valid_hash = '{valid_hash}' and attributes.status = 'FINISHED'",
            order_by=[f"metrics.{key} DESC", "attributes.start_time ASC"],
            max_results=1,
        )
    if not runs or key not in runs[0].data.metrics:
        return Champion(model_name, alias, None, None, None, None, False, "no finished run")
    best = runs[0]
    score = float(best.data.metrics[key])
    run_name = best.data.tags.get("mlflow.runName")
    if score < min_score:
        note = f"the best {key} is {score:.4f}, under min_score {min_score:g}: nothing registered"
        return Champion(model_name, alias, None, None, run_name, score, False, note)
    with quiet_mlflow():
        try:
            current = mlflow_client.get_model_version_by_alias(model_name, alias)
        except MlflowException:
            current = None
        if current is not None and current.run_id == best.info.run_id:
            return Champion(
                model_name,
                alias,
                str(current.version),
                best.info.run_id,
                run_name,
                score,
                False,
                "the champion stays: no run measured on these rows beats it",
            )
        registered = [
            v for v in _versions(mlflow_client, model_name) if v.run_id == best.info.run_id
        ]
        if registered:  # registered before (another config held the title since)
            version = str(registered[0].version)
            note = f"alias '{alias}' moved back to version {version}"
        else:
            models = mlflow_client.search_logged_models(
                experiment_ids=[exp_id], filter_string=f"source_run_id = '{best.info.run_id}'"
            )
            if not models:
                note = "the best run logged no model: nothing registered"
                return Champion(
                    model_name, alias, None, best.info.run_id, run_name, score, False, note
                )
            if not _is_registered(mlflow_client, model_name):
                mlflow_client.create_registered_model(
                    model_name, description="Champion of the m06 pipeline (airoadmap)."
                )
            created = mlflow_client.create_model_version(
                model_name,
                source=models[0].model_uri,
                run_id=best.info.run_id,
                tags={key: f"{score:.6f}", "valid_hash": valid_hash},
                model_id=models[0].model_id,
            )
            version = str(created.version)
            note = f"version {version} registered, alias '{alias}' moved to it"
        mlflow_client.set_registered_model_alias(model_name, alias, version)
    return Champion(model_name, alias, version, best.info.run_id, run_name, score, True, note)


def _is_registered(mlflow_client: Any, model_name: str) -> bool:
    from mlflow.exceptions import MlflowException

    try:
        mlflow_client.get_registered_model(model_name)
    except MlflowException:
        return False
    return True


def _versions(mlflow_client: Any, model_name: str) -> list[Any]:
    """The registered model's versions ([] when it is not registered yet)."""
    if not _is_registered(mlflow_client, model_name):
        return []
    return list(mlflow_client.search_model_versions(f"name = '{model_name}'"))


def runs_table(
    store: Store, experiment: str, *, metric: str, model_name: str, alias: str
) -> pd.DataFrame:
    """Every finished run of the experiment, best `valid_<metric>` first: one row per run
    with its parameters, metrics, data hashes, and whether the alias points at it."""
    from mlflow.exceptions import MlflowException

    mlflow_client = client(store)
    with quiet_mlflow():
        found = mlflow_client.get_experiment_by_name(experiment)
        if found is None:
            return pd.DataFrame()
        runs = mlflow_client.search_runs(
            [found.experiment_id],
            filter_string="attributes.status = 'FINISHED'",
            order_by=["attributes.start_time ASC"],
            max_results=5000,
        )
        try:
            champion_run = mlflow_client.get_model_version_by_alias(model_name, alias).run_id
        except MlflowException:
            champion_run = None
    rows = []
    for run in runs:
        params = dict(run.data.params)
        metrics = run.data.metrics
        rows.append(
            {
                "run": run.data.tags.get("mlflow.runName", ""),
                "run_id": run.info.run_id,
                "started": pd.Timestamp(run.info.start_time, unit="ms", tz="UTC"),
                "model": params.pop("model", ""),
                "seed": params.pop("seed", ""),
                "params": ", ".join(f"{k}={v}" for k, v in sorted(params.items())),
                f"valid_{metric}": metrics.get(f"valid_{metric}", float("nan")),
                f"test_{metric}": metrics.get(f"test_{metric}", float("nan")),
                "valid_hash": run.data.tags.get("valid_hash", "")[:12],
                "champion": run.info.run_id == champion_run,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    return table.sort_values(
        [f"valid_{metric}", "started"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)
