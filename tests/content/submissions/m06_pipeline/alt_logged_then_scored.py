"""Correct, another way: each step in its own small function, the run opened first, and
the model logged through mlflow.sklearn.log_model with signature inferred from probabilities."""

from __future__ import annotations

import hashlib
from typing import Any

import mlflow
import numpy as np
import pandas as pd
from mlflow.models import infer_signature
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def data_hash(X: pd.DataFrame, y: pd.Series) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for name in X.columns:
        digest.update(str(name).encode())
        digest.update(pd.util.hash_pandas_object(X[name], index=False).to_numpy().tobytes())
    digest.update(np.asarray(y, dtype=np.int64).tobytes())
    return digest.hexdigest()


def _numeric() -> Pipeline:
    return Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])


def _categorical() -> Pipeline:
    return Pipeline(
        [
            ("impute", SimpleImputer(strategy="most_frequent")),
            ("onehot", OneHotEncoder(handle_unknown="ignore")),
        ]
    )


def _model(config: dict[str, Any]) -> Any:
    params = dict(config["model"]["params"], random_state=config["seed"])
    if config["model"]["kind"] == "random_forest":
        return RandomForestClassifier(**params)
    return LogisticRegression(**params)


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    f = config["features"]
    pre = ColumnTransformer(
        [("num", _numeric(), f["numeric"]), ("cat", _categorical(), f["categorical"])]
    )
    return Pipeline([("preprocess", pre), ("model", _model(config))])


def train_and_log(
    config: dict[str, Any],
    X_train: pd.DataFrame,
    y_train: pd.Series,
    X_valid: pd.DataFrame,
    y_valid: pd.Series,
    tracking_uri: str,
) -> str:
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_experiment(config["tracking"]["experiment"])
    with mlflow.start_run() as run:
        mlflow.log_params({"seed": config["seed"], **config["model"]["params"]})
        mlflow.set_tags({"data_hash": data_hash(X_train, y_train), "stage": "check"})
        model = build_pipeline(config).fit(X_train, y_train)
        auc = roc_auc_score(y_valid, model.predict_proba(X_valid)[:, 1])
        mlflow.log_metric("valid_roc_auc", auc)
        X = X_train[config["features"]["numeric"] + config["features"]["categorical"]]
        mlflow.sklearn.log_model(
            model,
            name="model",
            signature=infer_signature(X, model.predict_proba(X)),
            input_example=X.iloc[:2],
            pip_requirements=["scikit-learn", "skops"],
            skops_trusted_types=["numpy.dtype", "sklearn.tree._tree.Tree"],
        )
    return run.info.run_id
