"""A config-driven scikit-learn pipeline whose every run is tracked in MLflow (m06-pipeline).

One `config` dict (the TOML file of `airoadmap run m06-pipeline`, parsed) decides the
features, the model and the metric, so a run is reproduced from its config and seed alone:

    {"seed": 7,
     "features": {"numeric": ["age", "fare"], "categorical": ["sex", "embarked"]},
     "model": {"kind": "random_forest", "params": {"n_estimators": 200}},
     "evaluate": {"metric": "roc_auc"},
     "tracking": {"experiment": "m06-titanic"}}

Why it is right: every statistic (medians, means, categories) is learned inside the
Pipeline, so `fit` on the training rows is the only place the model learns; the metric is
measured on validation rows the model never saw; the model is logged with the schema of its
inputs and an example, so anyone can load it from the run and call it correctly.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# config["model"]["kind"] -> the scikit-learn class to build.
MODELS: dict[str, Any] = {
    "logistic_regression": LogisticRegression,
    "random_forest": RandomForestClassifier,
}

# MLflow 3 saves scikit-learn models with skops, a format that refuses on load any type it
# does not know is safe. A forest's trees (and their node dtype) must be declared trusted.
SKOPS_TRUSTED_TYPES = ["numpy.dtype", "sklearn.tree._tree.Tree"]

# Given explicitly, so MLflow does not start `pip` to guess what the model needs.
PIP_REQUIREMENTS = [f"scikit-learn=={sklearn.__version__}"]


def feature_columns(config: dict[str, Any]) -> list[str]:
    """The columns the model reads, numeric first."""
    features = config["features"]
    return [*features["numeric"], *features["categorical"]]


def score(model: Any, X: pd.DataFrame, y: pd.Series, metric: str) -> float:
    """The fitted model's `metric` (accuracy, f1 or roc_auc) on the rows X, y."""
    if metric == "roc_auc":
        return float(roc_auc_score(y, model.predict_proba(X)[:, 1]))
    if metric == "accuracy":
        return float(accuracy_score(y, model.predict(X)))
    if metric == "f1":
        return float(f1_score(y, model.predict(X)))
    raise ValueError(f"unknown metric {metric!r}: use accuracy, f1 or roc_auc")


def data_hash(X: pd.DataFrame, y: pd.Series) -> str:
    """A fingerprint of the rows a model learns from: any changed value or label changes it."""
    frame = X.assign(__label__=np.asarray(y))
    digest = hashlib.sha256("\x1f".join(map(str, frame.columns)).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return digest.hexdigest()


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    """Preprocessing and model in one unfitted Pipeline: what `fit` learns, it learns from
    the rows it is given."""
    features = config["features"]
    numeric = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    categorical = make_pipeline(
        SimpleImputer(strategy="most_frequent"),
        # A category never seen in training (a new port, a typo) becomes all zeros.
        OneHotEncoder(handle_unknown="ignore"),
    )
    columns = ColumnTransformer(
        [
            ("num", numeric, list(features["numeric"])),
            ("cat", categorical, list(features["categorical"])),
        ]
    )  # every other column (name, ticket, ...) is dropped
    return Pipeline([("preprocess", columns), ("model", make_estimator(config))])


def make_estimator(config: dict[str, Any]) -> Any:
    """The configured classifier, seeded so that the same config gives the same model."""
    model = config["model"]
    if model["kind"] not in MODELS:
        raise ValueError(f"unknown model kind {model['kind']!r}: use one of {sorted(MODELS)}")
    return MODELS[model["kind"]](random_state=config["seed"], **model.get("params", {}))


def train_and_log(
    config: dict[str, Any],
    X_train: pd.DataFrame,
    y_train: pd.Series,
    X_valid: pd.DataFrame,
    y_valid: pd.Series,
    tracking_uri: str,
) -> str:
    """Fit the pipeline on the training rows, score it on the validation rows, and record
    everything as one MLflow run; returns the run's id."""
    import mlflow

    model = build_pipeline(config).fit(X_train, y_train)
    metric = config["evaluate"]["metric"]
    valid_score = score(model, X_valid, y_valid, metric)

    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_experiment(config["tracking"]["experiment"])
    with mlflow.start_run() as run:
        log_run(config, model, X_train, y_train, {f"valid_{metric}": valid_score})
    return str(run.info.run_id)


def log_run(
    config: dict[str, Any],
    model: Pipeline,
    X_train: pd.DataFrame,
    y_train: pd.Series,
    metrics: dict[str, float],
) -> None:
    """Record a fitted model in the active MLflow run: parameters, the training data's hash,
    metrics, and the model with its signature and an input example."""
    import mlflow
    import mlflow.sklearn
    from mlflow.models import infer_signature

    model_config = config["model"]
    mlflow.log_params({"model": model_config["kind"], "seed": config["seed"]})
    mlflow.log_params(model_config.get("params", {}))
    mlflow.set_tag("data_hash", data_hash(X_train, y_train))
    mlflow.log_metrics(metrics)

    X = X_train[feature_columns(config)]
    mlflow.sklearn.log_model(
        model,
        name="model",
        # The schema of the inputs (from all training rows: it sees which may be missing)
        # and of the outputs; a caller passing a wrong column or type gets an error.
        signature=infer_signature(X, model.predict(X)),
        input_example=X.head(5),
        pip_requirements=PIP_REQUIREMENTS,
        skops_trusted_types=SKOPS_TRUSTED_TYPES,
    )
