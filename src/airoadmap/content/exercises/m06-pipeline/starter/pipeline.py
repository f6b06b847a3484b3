"""A config-driven scikit-learn pipeline whose every run is tracked in MLflow (m06-pipeline).

Write three functions: data_hash, build_pipeline and train_and_log. `airoadmap show
m06-pipeline` explains the task; `airoadmap check` grades it; `airoadmap hint` helps.

Every function takes the run's `config`, a plain dict (the TOML file of `airoadmap run
m06-pipeline`, parsed), e.g.:

    {"seed": 7,
     "features": {"numeric": ["age", "fare"], "categorical": ["sex", "embarked"]},
     "model": {"kind": "random_forest", "params": {"n_estimators": 200}},
     "evaluate": {"metric": "roc_auc"},
     "tracking": {"experiment": "m06-titanic"}}

X frames hold the raw Titanic columns (pclass, name, sex, age, sibsp, parch, ticket, fare,
cabin, embarked, home_dest); y is survived (0 or 1).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.pipeline import Pipeline

# config["model"]["kind"] -> the scikit-learn class to build.
MODELS: dict[str, Any] = {
    "logistic_regression": LogisticRegression,
    "random_forest": RandomForestClassifier,
}

# MLflow 3 saves scikit-learn models with skops, a format that refuses on load any type it
# does not know is safe. A forest's trees (and their node dtype) must be declared trusted:
# pass skops_trusted_types=SKOPS_TRUSTED_TYPES to mlflow.sklearn.log_model.
SKOPS_TRUSTED_TYPES = ["numpy.dtype", "sklearn.tree._tree.Tree"]

# Pass pip_requirements=PIP_REQUIREMENTS to log_model, so MLflow does not start `pip` to
# guess what the model needs (the checks' sandbox starts no processes).
PIP_REQUIREMENTS = [f"scikit-learn=={sklearn.__version__}"]


def feature_columns(config: dict[str, Any]) -> list[str]:
    """The columns the model reads, numeric first (given)."""
    features = config["features"]
    return [*features["numeric"], *features["categorical"]]


def score(model: Any, X: pd.DataFrame, y: pd.Series, metric: str) -> float:
    """The fitted model's `metric` (accuracy, f1 or roc_auc) on the rows X, y (given)."""
    if metric == "roc_auc":
        return float(roc_auc_score(y, model.predict_proba(X)[:, 1]))
    if metric == "accuracy":
        return float(accuracy_score(y, model.predict(X)))
    if metric == "f1":
        return float(f1_score(y, model.predict(X)))
    raise ValueError(f"unknown metric {metric!r}: use accuracy, f1 or roc_auc")


def data_hash(X: pd.DataFrame, y: pd.Series) -> str:
    """A fingerprint of the rows a model learns from: any changed value or label changes it."""
    # TODO: return a hex string (hashlib.sha256) computed from the values of every column
    # of X and from y: the same rows give the same hash, one changed value another.
    # pd.util.hash_pandas_object(frame) gives one number per row, from its values.
    raise NotImplementedError("data_hash")


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    """Preprocessing and model in one UNFITTED Pipeline."""
    # TODO: a ColumnTransformer with
    #   - the numeric columns: SimpleImputer(strategy="median"), then StandardScaler();
    #   - the categorical columns: SimpleImputer(strategy="most_frequent"), then
    #     OneHotEncoder(handle_unknown="ignore");
    # then the model: MODELS[config["model"]["kind"]] built with config["model"]["params"]
    # and random_state=config["seed"]. Return Pipeline([("preprocess", ...), ("model", ...)]).
    raise NotImplementedError("build_pipeline")


def train_and_log(
    config: dict[str, Any],
    X_train: pd.DataFrame,
    y_train: pd.Series,
    X_valid: pd.DataFrame,
    y_valid: pd.Series,
    tracking_uri: str,
) -> str:
    """Fit the pipeline on the training rows, score it on the validation rows, and record
    everything as one MLflow run; return the run's id."""
    # TODO: fit build_pipeline(config) on X_train, y_train; compute
    # score(model, X_valid, y_valid, config["evaluate"]["metric"]). Then
    #   mlflow.set_tracking_uri(tracking_uri)
    #   mlflow.set_experiment(config["tracking"]["experiment"])
    #   with mlflow.start_run() as run:
    #       log the parameters (the seed and config["model"]["params"]), the tag
    #       "data_hash" (of X_train, y_train), the metric "valid_<metric>", and the model
    #       with mlflow.sklearn.log_model(model, name="model", signature=...,
    #       input_example=..., pip_requirements=..., skops_trusted_types=...)
    #   return run.info.run_id
    raise NotImplementedError("train_and_log")
