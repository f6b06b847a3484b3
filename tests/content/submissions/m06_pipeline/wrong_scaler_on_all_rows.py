"""Wrong: the preprocessing is fitted on the training and validation rows together.

Fails: fitted_on_training_rows
Says: validation rows together
"""

from __future__ import annotations

from typing import Any

import mlflow
import pandas as pd
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
build_pipeline = _ref.build_pipeline


def train_and_log(
    config: dict[str, Any], X_train: Any, y_train: Any, X_valid: Any, y_valid: Any, uri: str
) -> str:
    model = build_pipeline(config)
    model[:-1].fit(pd.concat([X_train, X_valid]))  # "more data for the scaler"
    model[-1].fit(model[:-1].transform(X_train), y_train)
    metric = config["evaluate"]["metric"]
    value = _ref.score(model, X_valid, y_valid, metric)
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(config["tracking"]["experiment"])
    with mlflow.start_run() as run:
        _ref.log_run(config, model, X_train, y_train, {f"valid_{metric}": value})
    return run.info.run_id
