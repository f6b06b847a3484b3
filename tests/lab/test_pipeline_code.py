"""The m06 pipeline's code, unit by unit: the config file, the split, the evaluation, the
tracking store's location, and that importing the pipeline does not import MLflow."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from airoadmap.errors import ContentError
from airoadmap.lab.pipeline import stages, tracking
from airoadmap.lab.pipeline.config import DEFAULT_CONFIG, PipelineConfig, load_config, reference

EXERCISE_KEYS = {"seed", "features", "model", "evaluate", "tracking"}


def write_config(tmp_path: Path, text: str, name: str = "pipeline.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BASE = """\
name = "t"
seed = 3

[data]
dataset = "titanic"
target = "survived"
drop = ["boat", "body"]

[features]
numeric = ["age", "fare"]
categorical = ["sex"]

[tracking]
experiment = "e"
registered_model = "m"

[[candidates]]
name = "lr"
kind = "logistic_regression"
"""


def test_the_packaged_config_loads() -> None:
    cfg = load_config()
    assert cfg.path == DEFAULT_CONFIG.resolve()
    assert cfg.data.dataset == "titanic"
    assert [c.name for c in cfg.candidates] == ["logreg", "forest"]
    assert cfg.evaluate.metric == "roc_auc"


def test_candidate_config_is_the_exercise_contract() -> None:
    cfg = load_config()
    forest = cfg.candidate_config(cfg.candidates[1])
    assert set(forest) == EXERCISE_KEYS
    assert forest["model"] == {
        "kind": "random_forest",
        "params": {"n_estimators": 300, "min_samples_leaf": 3},
    }
    assert forest["seed"] == 42
    pipe = reference().build_pipeline(forest)
    assert pipe.named_steps["model"].random_state == 42


def test_defaults_fill_what_the_file_leaves_out(tmp_path: Path) -> None:
    cfg = load_config(write_config(tmp_path, BASE))
    assert cfg.split.valid_size == 0.2 and cfg.split.test_size == 0.2
    assert cfg.evaluate.metric == "roc_auc" and cfg.evaluate.min_score == 0.0
    assert cfg.tracking.alias == "champion" and cfg.tracking.store is None


@pytest.mark.parametrize(
    ("change", "line", "phrase"),
    [
        (("[tracking]", "[tracking]\nexperimnt = 'x'"), 14, "unknown field"),
        (('dataset = "titanic"', 'dataset = "titanic"\ncsv = "x.csv"'), 4, "exactly one of"),
        (('kind = "logistic_regression"', 'kind = "svm"'), 19, "unknown model kind 'svm'"),
        (("seed = 3", "seed = 3\n[split]\nvalid_size = 0.5\ntest_size = 0.4"), 3, "20% of rows"),
        (('categorical = ["sex"]', 'categorical = ["sex", "age"]'), 9, "both numeric and"),
        (('drop = ["boat", "body"]', 'drop = ["boat", "fare"]'), 1, "also in data.drop"),
        (('[[candidates]]\nname = "lr"', '[[candidates]]\nname = "LR!"'), 18, "name"),
        (("[tracking]", "[evaluate]\nmetric = 'auc'\n[tracking]"), 14, "metric"),
    ],
)
def test_a_bad_config_names_the_file_and_line(
    tmp_path: Path, change: tuple[str, str], line: int, phrase: str
) -> None:
    text = BASE.replace(*change)
    assert text != BASE
    path = write_config(tmp_path, text)
    with pytest.raises(ContentError) as raised:
        load_config(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:"), message
    assert phrase in message, message
    assert "\n" not in message
    assert int(message.split(":")[1]) == line, message


def test_a_missing_config_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="cannot read"):
        load_config(tmp_path / "absent.toml")


def test_paths_resolve_against_the_config_file(tmp_path: Path) -> None:
    folder = tmp_path / "configs"
    folder.mkdir()
    text = BASE.replace('dataset = "titanic"', 'csv = "data/rows.csv"').replace(
        'registered_model = "m"', 'registered_model = "m"\nstore = "../tracking"'
    )
    cfg = load_config(write_config(folder, text))
    assert cfg.data.csv is not None and cfg.tracking.store is not None
    assert cfg.resolve(cfg.data.csv) == folder / "data" / "rows.csv"
    assert cfg.resolve(cfg.tracking.store) == tmp_path / "tracking"


@pytest.fixture(scope="module")
def titanic() -> tuple[PipelineConfig, pd.DataFrame]:
    cfg = load_config()
    return cfg, stages.validate(stages.ingest(cfg), cfg, None)


def test_split_is_disjoint_stratified_and_seeded(
    titanic: tuple[PipelineConfig, pd.DataFrame],
) -> None:
    cfg, frame = titanic
    parts = stages.split(frame, cfg)
    assert parts.sizes() == {"train": 785, "valid": 262, "test": 262}
    indexes = [set(parts.part(p)[0].index) for p in stages.PARTS]
    assert sum(map(len, indexes)) == len(frame) == len(set.union(*indexes))
    for name in stages.PARTS:
        X, y = parts.part(name)
        assert not {"survived", "boat", "body"} & set(X.columns)
        assert abs(y.mean() - frame["survived"].mean()) < 0.01  # stratified
    again = stages.split(frame, cfg)
    assert list(again.X_valid.index) == list(parts.X_valid.index)
    other = stages.split(frame, cfg.model_copy(update={"seed": cfg.seed + 1}))
    assert list(other.X_valid.index) != list(parts.X_valid.index)


def test_evaluate_gives_every_metric_on_every_part(
    titanic: tuple[PipelineConfig, pd.DataFrame],
) -> None:
    cfg, frame = titanic
    parts = stages.split(frame, cfg)
    model = stages.train(stages.preprocess(cfg, cfg.candidates[0]), parts)
    scores = stages.evaluate(model, parts)
    assert set(scores) == {f"{p}_{m}" for p in stages.PARTS for m in stages.METRICS}
    assert all(0.5 < v <= 1.0 for k, v in scores.items() if k.endswith("roc_auc"))
    # Preprocessing learned from the training rows only: they scale to mean 0 exactly.
    scaled = model[:-1].transform(parts.X_train)[:, : len(cfg.features.numeric)]
    assert abs(scaled.mean(axis=0)).max() < 1e-9


def test_data_hash_is_a_fingerprint() -> None:
    data_hash = reference().data_hash
    X = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})
    y = pd.Series([0, 1])
    assert data_hash(X, y) == data_hash(X.copy(), y.copy())
    assert data_hash(X.assign(a=[1.0, 2.5]), y) != data_hash(X, y)
    assert data_hash(X.assign(b=["x", "z"]), y) != data_hash(X, y)
    assert data_hash(X, pd.Series([1, 1])) != data_hash(X, y)
    assert data_hash(X.rename(columns={"a": "c"}), y) != data_hash(X, y)


def test_the_store_stays_beside_the_run_folders(tmp_path: Path) -> None:
    first = tracking.store_for(tmp_path / "runs" / "m06-pipeline" / "20260101-000000")
    second = tracking.store_for(tmp_path / "runs" / "m06-pipeline" / "20260102-000000")
    assert first == second
    assert first.folder == tmp_path / "runs" / "m06-pipeline" / "mlflow"
    assert first.uri == f"sqlite:///{first.folder}/mlruns.db"
    assert first.uri.startswith("sqlite:////")  # an absolute path
    assert first.ui_command() == f"mlflow ui --backend-store-uri {first.uri}"
    custom = tracking.store_for(tmp_path / "x" / "run", tmp_path / "elsewhere")
    assert custom.folder == tmp_path / "elsewhere" and custom.folder.is_dir()


def test_offline_environment_keeps_the_users_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLFLOW_DISABLE_TELEMETRY", "false")
    monkeypatch.delenv("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", raising=False)
    tracking.offline_environment()
    import os

    assert os.environ["MLFLOW_DISABLE_TELEMETRY"] == "false"
    assert os.environ["MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR"] == "false"


def test_importing_the_pipeline_imports_neither_mlflow_nor_pandera() -> None:
    """MLflow takes seconds to import: only the functions that track import it."""
    code = (
        "import sys, airoadmap.lab.pipeline.project, airoadmap.lab.projects; "
        "print(sorted(m for m in ('mlflow', 'pandera') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
