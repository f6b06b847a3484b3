"""Wrong: the logged metric is the score on the training rows.

Fails: metric_is_validation_score
Says: its own training rows
"""

from __future__ import annotations

from typing import Any

import mlflow
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
build_pipeline = _ref.build_pipeline


def train_and_log(
    config: dict[str, Any], X_train: Any, y_train: Any, X_valid: Any, y_valid: Any, uri: str
) -> str:
    model = build_pipeline(config).fit(X_train, y_train)
    metric = config["evaluate"]["metric"]
    value = _ref.score(model, X_train, y_train, metric)
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(config["tracking"]["experiment"])
    with mlflow.start_run() as run:
        _ref.log_run(config, model, X_train, y_train, {f"valid_{metric}": value})
    return run.info.run_id
