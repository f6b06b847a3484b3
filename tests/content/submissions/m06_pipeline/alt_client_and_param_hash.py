"""Correct, another way: MD5 of the CSV text as the hash, logged as a parameter; the
ColumnTransformer built with make_column_transformer (short feature names); the model
saved with cloudpickle under the name "classifier"; the signature inferred from 50 rows."""

from __future__ import annotations

import hashlib
from typing import Any

import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow.models import infer_signature
from sklearn.compose import make_column_transformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import get_scorer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

KINDS = {"logistic_regression": LogisticRegression, "random_forest": RandomForestClassifier}


def data_hash(X: pd.DataFrame, y: pd.Series) -> str:
    text = pd.concat([X, y.rename("label")], axis=1).to_csv()
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    f = config["features"]
    columns = make_column_transformer(
        (make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), f["numeric"]),
        (
            make_pipeline(
                SimpleImputer(strategy="most_frequent"),
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
            ),
            f["categorical"],
        ),
        verbose_feature_names_out=False,
    )
    estimator = KINDS[config["model"]["kind"]](
        **config["model"]["params"], random_state=config["seed"]
    )
    return Pipeline([("columns", columns), ("clf", estimator)])


def train_and_log(
    config: dict[str, Any],
    X_train: pd.DataFrame,
    y_train: pd.Series,
    X_valid: pd.DataFrame,
    y_valid: pd.Series,
    tracking_uri: str,
) -> str:
    model = build_pipeline(config).fit(X_train, y_train)
    metric = config["evaluate"]["metric"]
    value = get_scorer(metric)(model, X_valid, y_valid)
    columns = config["features"]["numeric"] + config["features"]["categorical"]
    sample = X_train[columns].head(50)
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_experiment(config["tracking"]["experiment"])
    with mlflow.start_run(run_name="candidate") as run:
        mlflow.log_param("seed", config["seed"])
        for name, param in config["model"]["params"].items():
            mlflow.log_param(name, param)
        mlflow.log_param("data_hash", data_hash(X_train, y_train))
        mlflow.log_metric(f"valid_{metric}", float(value))
        mlflow.sklearn.log_model(
            model,
            name="classifier",
            serialization_format="cloudpickle",
            signature=infer_signature(sample, model.predict(sample)),
            input_example=sample.head(3),
            pip_requirements=["scikit-learn"],
        )
    return run.info.run_id
