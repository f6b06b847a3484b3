"""`airoadmap run m06-pipeline`, end to end on a small config: the run folder, the MLflow
runs it tracks, the registry alias, reruns that give the same metrics, `--compare`, bad
data that stop the run, and the CLI."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from airoadmap.lab.pipeline import project, tracking
from airoadmap.lab.pipeline.config import DEFAULT_CONFIG, load_config
from airoadmap.lab.pipeline.schema import DataValidationError
from airoadmap.lab.projects import run

SMALL = (
    DEFAULT_CONFIG.read_text(encoding="utf-8")
    .replace("n_estimators = 300", "n_estimators = 30")
    .replace('experiment = "m06-titanic"', 'experiment = "m06-test"')
    .replace('registered_model = "m06-titanic"', 'registered_model = "m06-test"')
)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two runs of the same config into one runs folder, then a comparison."""
    root = tmp_path_factory.mktemp("m06")
    config = root / "small.toml"
    config.write_text(SMALL, encoding="utf-8")
    first = run("m06-pipeline", root / "runs", config=config)
    second = run("m06-pipeline", root / "runs", config=config)
    compared = run("m06-pipeline", root / "runs", config=config, compare=True)

    def read(folder: Path) -> dict[str, Any]:
        return dict(json.loads((folder / "metrics.json").read_text()))

    return {
        "root": root,
        "config": config,
        "first": (first, read(first)),
        "second": (second, read(second)),
        "compare": (compared, read(compared)),
        "store": tracking.store_for(first),
    }


@pytest.mark.slow
def test_a_run_writes_its_artifacts(runs: dict[str, Any]) -> None:
    folder, metrics = runs["first"]
    names = {p.name for p in folder.iterdir()}
    assert {"report.md", "metrics.json", "roc_valid.png"} <= names
    assert {"evaluation_logreg.png", "evaluation_forest.png"} <= names
    assert "validation_report.md" not in names
    assert metrics["data"]["rows"] == 1309
    assert metrics["data"]["train"] + metrics["data"]["valid"] + metrics["data"]["test"] == 1309
    assert set(metrics["candidates"]) == {"logreg", "forest"}
    assert metrics["best_candidate"] in metrics["candidates"]
    report = (folder / "report.md").read_text()
    assert "m06-test@champion" in report
    assert metrics["mlflow_ui"] in report
    assert metrics["mlflow_ui"].startswith("mlflow ui --backend-store-uri sqlite:///")
    # The printed comparison command finds this run's store again.
    out = str(runs["root"] / "runs")
    command = ["airoadmap", "run", "m06-pipeline", "--compare", "--config", str(runs["config"])]
    assert metrics["compare_command"] == shlex.join([*command, "--out", out])
    assert metrics["compare_command"] in report


@pytest.mark.slow
def test_every_candidate_is_a_tracked_run(runs: dict[str, Any]) -> None:
    _, metrics = runs["first"]
    store = runs["store"]
    assert store.folder == runs["root"] / "runs" / "m06-pipeline" / "mlflow"
    client = tracking.client(store)
    for name, result in metrics["candidates"].items():
        with tracking.quiet_mlflow():
            logged = client.get_run(result["run_id"])
        data = logged.data
        assert data.tags["mlflow.runName"] == name
        assert data.tags["dataset_hash"] == metrics["data"]["dataset_hash"]
        assert data.tags["valid_hash"] == metrics["data"]["valid_hash"]
        assert len(data.tags["data_hash"]) == 64  # of the training rows
        assert data.params["seed"] == "42" and data.params["model"] == result["kind"]
        assert data.metrics["valid_roc_auc"] == pytest.approx(result["valid_roc_auc"])
        assert {f"{p}_{m}" for p in ("train", "valid", "test") for m in ("accuracy", "f1")} <= set(
            data.metrics
        )
        with tracking.quiet_mlflow():
            files = {f.path for f in client.list_artifacts(result["run_id"], "figures")}
            models = client.search_logged_models(
                experiment_ids=[logged.info.experiment_id],
                filter_string=f"source_run_id = '{result['run_id']}'",
            )
        assert files == {f"figures/evaluation_{name}.png"}
        assert len(models) == 1
    # Artifacts live under the store, not in the working directory.
    assert (store.artifacts / "m06-test").is_dir()
    assert not (Path.cwd() / "mlruns").exists()


@pytest.mark.slow
def test_the_best_run_is_registered_with_the_alias(runs: dict[str, Any]) -> None:
    _, metrics = runs["first"]
    champion = metrics["champion"]
    best = metrics["candidates"][metrics["best_candidate"]]
    assert champion["moved"] is True and champion["version"] == "1"
    assert champion["run_id"] == best["run_id"]
    import mlflow

    mlflow.set_tracking_uri(runs["store"].uri)
    with tracking.quiet_mlflow():
        model = mlflow.sklearn.load_model("models:/m06-test@champion")
        info = mlflow.models.get_model_info("models:/m06-test@champion")
    assert info.signature is not None and info.saved_input_example_info is not None
    from airoadmap.datasets import load_frame

    rows = load_frame("titanic").head(5)
    assert model.predict_proba(rows).shape == (5, 2)


@pytest.mark.slow
def test_the_same_config_and_seed_give_the_same_metrics(runs: dict[str, Any]) -> None:
    (_, first), (_, second) = runs["first"], runs["second"]
    for name, result in first["candidates"].items():
        again = second["candidates"][name]
        for key, value in result.items():
            if key.startswith(("train_", "valid_", "test_")):
                assert again[key] == value, (name, key)
        assert again["run_id"] != result["run_id"]
    assert second["data"] == first["data"]
    # A rerun does not beat the champion: the alias stays on the first run's version.
    assert second["champion"]["moved"] is False
    assert second["champion"]["version"] == "1"
    assert second["champion"]["run_id"] == first["champion"]["run_id"]


@pytest.mark.slow
def test_compare_lists_every_run_best_first(runs: dict[str, Any]) -> None:
    folder, compared = runs["compare"]
    rows = compared["runs"]
    assert len(rows) == 4
    scores = [r["valid_roc_auc"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert sum(r["champion"] for r in rows) == 1
    assert rows[0]["champion"]  # the oldest of the best ties
    assert {"report.md", "compare.csv", "compare.png"} <= {p.name for p in folder.iterdir()}
    text = (folder / "report.md").read_text()
    assert "same validation rows" in text
    assert compared["mlflow_ui"] == runs["store"].ui_command()


@pytest.mark.slow
def test_tracking_changes_no_result(runs: dict[str, Any], tmp_path: Path) -> None:
    """Without a store: no MLflow, no registry, and the very same metrics."""
    _, tracked = runs["first"]
    cfg = load_config(runs["config"])
    untracked = project.execute(cfg, tmp_path, store=None, echo=None)
    assert untracked["champion"] is None and "mlflow_ui" not in untracked
    for name, result in tracked["candidates"].items():
        assert "run_id" not in untracked["candidates"][name]
        for key in ("train_roc_auc", "valid_roc_auc", "test_accuracy"):
            assert untracked["candidates"][name][key] == result[key]


def test_bad_data_stop_the_run_before_training(tmp_path: Path) -> None:
    from airoadmap.datasets import load_frame

    bad = load_frame("titanic").drop(columns=["fare"])
    bad.loc[3, "age"] = -1.0
    (tmp_path / "rows.csv").write_text(bad.to_csv(index=False), encoding="utf-8")
    config = tmp_path / "bad.toml"
    config.write_text(SMALL.replace('dataset = "titanic"', 'csv = "rows.csv"'), encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        run("m06-pipeline", tmp_path / "runs", config=config)
    folder = next((tmp_path / "runs" / "m06-pipeline").glob("2*"))
    assert (folder / "validation_report.md").is_file()
    assert "fare: column missing" in str(raised.value)
    assert not list(folder.glob("*.png"))
    assert not (tmp_path / "runs" / "m06-pipeline" / "mlflow" / "mlruns.db").exists()


def test_the_cli_reports_bad_data_in_one_line(tmp_path: Path) -> None:
    from airoadmap.cli.app import app
    from airoadmap.datasets import load_frame

    bad = load_frame("titanic").astype({"pclass": "float64"})
    (tmp_path / "rows.csv").write_text(bad.to_csv(index=False), encoding="utf-8")
    config = tmp_path / "bad.toml"
    config.write_text(SMALL.replace('dataset = "titanic"', 'csv = "rows.csv"'), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["run", "m06-pipeline", "--config", str(config), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if "Bad data" in line]
    assert len(lines) == 1 and "pclass: type float64, expected int64" in " ".join(
        result.output.split()
    )


@pytest.mark.slow
def test_the_cli_compares_and_prints_the_ui_command(runs: dict[str, Any]) -> None:
    from airoadmap.cli.app import app

    result = CliRunner().invoke(
        app,
        [
            "run",
            "m06-pipeline",
            "--config",
            str(runs["config"]),
            "--out",
            str(runs["root"] / "runs"),
            "--compare",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "mlflow ui --backend-store-uri" in result.output
    assert "valid_roc_auc" in result.output
    assert "forest" in result.output and "logreg" in result.output


@pytest.mark.slow
def test_the_alias_follows_the_validation_rows(tmp_path: Path) -> None:
    """A new seed means new validation rows: the alias moves to the best run measured on
    them; back on the old rows, it returns to the version registered then (no new one)."""
    logreg_only = SMALL[: SMALL.index('[[candidates]]\nname = "forest"')]
    configs = {}
    for seed in (42, 7):
        configs[seed] = tmp_path / f"seed{seed}.toml"
        configs[seed].write_text(logreg_only.replace("seed = 42", f"seed = {seed}"), "utf-8")
    champions = []
    for seed in (42, 7, 42):
        folder = run("m06-pipeline", tmp_path / "runs", config=configs[seed])
        champions.append(json.loads((folder / "metrics.json").read_text())["champion"])
    assert [c["version"] for c in champions] == ["1", "2", "1"]
    assert [c["moved"] for c in champions] == [True, True, True]
    assert "moved back to version 1" in champions[2]["note"]
    store = tracking.store_for(tmp_path / "runs" / "m06-pipeline" / "x")
    with tracking.quiet_mlflow():
        versions = tracking.client(store).search_model_versions("name = 'm06-test'")
    assert len(versions) == 2
