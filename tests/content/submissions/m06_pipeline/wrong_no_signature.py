"""Wrong: the model is logged bare, without a signature or an input example.

Fails: model_has_signature
Says: without a signature
"""

from __future__ import annotations

from typing import Any

import mlflow
import mlflow.sklearn
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
build_pipeline = _ref.build_pipeline


def train_and_log(
    config: dict[str, Any], X_train: Any, y_train: Any, X_valid: Any, y_valid: Any, uri: str
) -> str:
    model = build_pipeline(config).fit(X_train, y_train)
    metric = config["evaluate"]["metric"]
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(config["tracking"]["experiment"])
    with mlflow.start_run() as run:
        mlflow.log_params({"seed": config["seed"], **config["model"]["params"]})
        mlflow.set_tag("data_hash", data_hash(X_train, y_train))
        mlflow.log_metric(f"valid_{metric}", _ref.score(model, X_valid, y_valid, metric))
        mlflow.sklearn.log_model(
            model,
            name="model",
            pip_requirements=_ref.PIP_REQUIREMENTS,
            skops_trusted_types=_ref.SKOPS_TRUSTED_TYPES,
        )
    return run.info.run_id
