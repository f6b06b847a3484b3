"""The served model: the month-6 pipeline trained on Titanic, and its fast twin.

`train` fits the m06-pipeline solution's `build_pipeline` (median / most-frequent imputing,
standardising, one-hot, a random forest) on most passengers and keeps the rest held out.
`export` writes the model folder both services read:

- model.joblib: the fitted scikit-learn Pipeline (the naive service calls it per request);
- preprocess.json: what the Pipeline's preprocessing learned (medians, means, scales,
  modes, categories), so the fast service turns a JSON row into the forest's input with a
  few float operations, in float64 as scikit-learn does;
- model.onnx: the forest alone (skl2onnx), fed float32 as scikit-learn's trees are, so its
  probabilities equal the Pipeline's to float32 rounding;
- version.txt: the first 12 hex digits of the sha256 of model.joblib, sent in every reply.

`FIELDS` is the request schema both services enforce: the same rows pass and fail in both.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

EXERCISE = "m06-pipeline"  # whose pipeline the service ships
SEED = 7
HELD_OUT = 0.2  # share of passengers kept out of training: the parity and load rows
CONFIG: dict[str, Any] = {
    "seed": SEED,
    "features": {
        # pclass is numeric here (its order means something); the ONNX forest reads floats.
        "numeric": ["pclass", "age", "sibsp", "parch", "fare"],
        "categorical": ["sex", "embarked"],
    },
    "model": {"kind": "random_forest", "params": {"n_estimators": 60, "min_samples_leaf": 3}},
    "evaluate": {"metric": "roc_auc"},
    "tracking": {"experiment": "m10-serve"},
}


@dataclass(frozen=True)
class Field:
    """One input column: its kind ("int", "float" or "str"), bounds or allowed values, and
    whether it may be null (missing: the model imputes it)."""

    kind: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    nullable: bool = False


FIELDS: dict[str, Field] = {
    "pclass": Field("int", 1, 3),
    "sex": Field("str", choices=("female", "male")),
    "age": Field("float", 0, 120, nullable=True),
    "sibsp": Field("int", 0, 20),
    "parch": Field("int", 0, 20),
    "fare": Field("float", 0, 1000, nullable=True),
    "embarked": Field("str", choices=("C", "Q", "S"), nullable=True),
}
MAX_ROWS = 256  # passengers per request
ECHO = 40  # characters of a refused value quoted in the 422 message


class InvalidRow(ValueError):
    """A request that does not follow FIELDS; the message names the field and the rule."""


def rule(name: str) -> str:
    """What FIELDS asks of `name`, in words (the fast service's 422 messages)."""
    f = FIELDS[name]
    what = (
        f"one of {', '.join(f.choices)}"
        if f.kind == "str"
        else f"{'an integer' if f.kind == 'int' else 'a number'} from {f.low:g} to {f.high:g}"
    )
    return what + (" or null" if f.nullable else "")


def check_value(name: str, value: Any) -> Any:
    """`value` of field `name` if FIELDS allows it (None for a null); else InvalidRow."""
    f = FIELDS[name]
    if value is None:
        if f.nullable:
            return None
    elif f.kind == "str":
        if value in f.choices:
            return value
    elif isinstance(value, int if f.kind == "int" else int | float) and not isinstance(value, bool):
        assert f.low is not None and f.high is not None
        if math.isfinite(value) and f.low <= value <= f.high:
            return value
    shown = json.dumps(value)
    if len(shown) > ECHO:
        shown = shown[:ECHO] + "..."
    raise InvalidRow(f"{name}: must be {rule(name)}, got {shown}")


def load_passengers() -> Any:
    """The Titanic passengers (the registry's titanic3), features and label."""
    from airoadmap.datasets import load

    return load("titanic")


def split(frame: Any) -> tuple[Any, Any, Any, Any]:
    """(X_train, X_held, y_train, y_held): the feature columns of CONFIG, stratified."""
    from sklearn.model_selection import train_test_split

    columns = [*CONFIG["features"]["numeric"], *CONFIG["features"]["categorical"]]
    parts: list[Any] = train_test_split(
        frame[columns], frame["survived"], test_size=HELD_OUT, random_state=SEED,
        stratify=frame["survived"],
    )  # fmt: skip
    return parts[0], parts[1], parts[2], parts[3]


def train(frame: Any) -> tuple[Any, Any, Any]:
    """The m06-pipeline solution's Pipeline fitted on the training passengers; returns
    (pipeline, held-out feature rows, held-out labels)."""
    from airoadmap.lab.reference import reference_module

    m06 = reference_module(EXERCISE, "pipeline")
    X_train, X_held, y_train, y_held = split(frame)
    return m06.build_pipeline(CONFIG).fit(X_train, y_train), X_held, y_held


def export(pipeline: Any, folder: Path) -> str:
    """Write model.joblib, preprocess.json, model.onnx and version.txt; returns the version."""
    import joblib
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, folder / "model.joblib")
    (folder / "preprocess.json").write_text(
        json.dumps(preprocessing(pipeline), indent=2) + "\n", encoding="utf-8"
    )
    forest = pipeline.named_steps["model"]
    width = int(forest.n_features_in_)
    onx = convert_sklearn(
        forest,
        initial_types=[("x", FloatTensorType([None, width]))],
        options={id(forest): {"zipmap": False}},  # a plain probability matrix
        target_opset={"": 17, "ai.onnx.ml": 1},
    )
    (folder / "model.onnx").write_bytes(onx.SerializeToString())
    version = hashlib.sha256((folder / "model.joblib").read_bytes()).hexdigest()[:12]
    (folder / "version.txt").write_text(version + "\n", encoding="utf-8")
    return version


def export_mlflow(pipeline: Any, X_all: Any, folder: Path, version: str) -> Path:
    """The Pipeline in MLflow's model format (pickle, with its signature and
    metadata["version"]), as the m10-serve exercise's service loads it; returns the folder."""
    from airoadmap.lab.pipeline.tracking import offline_environment, quiet_mlflow

    offline_environment()
    import mlflow.sklearn
    from mlflow.models import infer_signature

    target = folder / "mlflow"
    log = logging.getLogger("mlflow.sklearn")
    level = log.level
    log.setLevel(logging.ERROR)  # its warning about pickle: the checks' format, on purpose
    try:
        with quiet_mlflow():
            mlflow.sklearn.save_model(
                pipeline,
                str(target),
                signature=infer_signature(X_all, pipeline.predict(X_all)),  # sees the missing
                serialization_format="pickle",
                conda_env={"dependencies": ["python", {"pip": ["mlflow", "scikit-learn"]}]},
                metadata={"version": version},
            )
    finally:
        log.setLevel(level)
    return target


def preprocessing(pipeline: Any) -> dict[str, Any]:
    """What the fitted ColumnTransformer learned, as JSON: per numeric column its median,
    mean and scale; per categorical column its mode and categories (in output order)."""
    columns = pipeline.named_steps["preprocess"]
    numeric: list[dict[str, Any]] = []
    categorical: list[dict[str, Any]] = []
    for name, transformer, cols in columns.transformers_:
        if name == "remainder":
            continue
        imputer, last = transformer.steps[0][1], transformer.steps[-1][1]
        for i, col in enumerate(cols):
            if name == "num":
                numeric.append(
                    {"name": col, "median": float(imputer.statistics_[i]),
                     "mean": float(last.mean_[i]), "scale": float(last.scale_[i])}
                )  # fmt: skip
            else:
                categorical.append(
                    {"name": col, "mode": str(imputer.statistics_[i]),
                     "categories": [str(c) for c in last.categories_[i]]}
                )  # fmt: skip
    return {"numeric": numeric, "categorical": categorical}


def version_of(folder: Path) -> str:
    """The model version written by `export`."""
    return (folder / "version.txt").read_text(encoding="utf-8").strip()


class FastModel:
    """The fast twin of the Pipeline: rows (dicts) to the forest's float32 input by the
    learned preprocessing, then the ONNX forest on one thread."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime as ort

        spec = json.loads((folder / "preprocess.json").read_text(encoding="utf-8"))
        self.numeric = [(c["name"], c["median"], c["mean"], c["scale"]) for c in spec["numeric"]]
        self.categorical: list[tuple[str, str, dict[str, int]]] = []
        offset = len(self.numeric)
        for c in spec["categorical"]:
            index = {v: offset + k for k, v in enumerate(c["categories"])}
            self.categorical.append((c["name"], c["mode"], index))
            offset += len(c["categories"])
        self.width = offset
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.version = version_of(folder)

    def matrix(self, rows: list[dict[str, Any]]) -> np.ndarray:
        """Checked rows (FIELDS) to the forest's input: imputed, standardised (float64, as
        scikit-learn computes it), one-hot, then float32 (what scikit-learn's trees read)."""
        out = np.zeros((len(rows), self.width), dtype=np.float64)
        for r, row in enumerate(rows):
            values = out[r]
            for j, (name, median, mean, scale) in enumerate(self.numeric):
                value = row.get(name)
                values[j] = ((median if value is None else float(value)) - mean) / scale
            for name, mode, index in self.categorical:
                value = row.get(name)
                k = index.get(mode if value is None else value)
                if k is not None:  # an unknown category is all zeros, as OneHotEncoder's
                    values[k] = 1.0
        return out.astype(np.float32)

    def probability(self, matrix: np.ndarray) -> np.ndarray:
        """P(survived) per row of `matrix`."""
        proba = self.session.run(["probabilities"], {"x": matrix})[0]
        return np.asarray(proba[:, 1], dtype=np.float64)


def parse_rows(body: Any) -> list[dict[str, Any]]:
    """The typed fast path: a decoded JSON body {"passengers": [...]} checked against FIELDS
    without building any object per row; InvalidRow names the first problem."""
    if not isinstance(body, dict) or not isinstance(body.get("passengers"), list):
        raise InvalidRow('the body must be a JSON object {"passengers": [ ... ]}')
    rows = body["passengers"]
    if not 1 <= len(rows) <= MAX_ROWS:
        raise InvalidRow(f"passengers: send from 1 to {MAX_ROWS} rows, got {len(rows)}")
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InvalidRow(f"passengers[{i}]: must be an object")
        extra = row.keys() - FIELDS.keys()
        if extra:
            raise InvalidRow(f"passengers[{i}]: unknown field {sorted(extra)[0]}")
        for name in FIELDS:
            if name not in row:
                raise InvalidRow(f"passengers[{i}].{name}: missing (must be {rule(name)})")
            try:
                check_value(name, row[name])
            except InvalidRow as exc:
                raise InvalidRow(f"passengers[{i}].{exc}") from None
    return rows


def replies(version: str, probability: np.ndarray) -> dict[str, Any]:
    """The reply of /predict for these probabilities (threshold one half, as `predict`)."""
    return {
        "model_version": version,
        "predictions": [
            {"survived": int(p > 0.5), "probability": round(float(p), 6)} for p in probability
        ],
    }
