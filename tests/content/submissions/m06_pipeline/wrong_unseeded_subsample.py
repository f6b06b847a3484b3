"""Wrong: "to train faster" fits on a random 80% of the training rows, drawn unseeded.

Fails: fitted_on_training_rows
Says: not a sample of it
"""

from __future__ import annotations

from typing import Any

import numpy as np
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
build_pipeline = _ref.build_pipeline


def train_and_log(
    config: dict[str, Any], X_train: Any, y_train: Any, X_valid: Any, y_valid: Any, uri: str
) -> str:
    import mlflow

    rows = np.random.default_rng().permutation(len(X_train))[: int(0.8 * len(X_train))]
    model = build_pipeline(config).fit(X_train.iloc[rows], y_train.iloc[rows])
    metric = config["evaluate"]["metric"]
    value = _ref.score(model, X_valid, y_valid, metric)
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(config["tracking"]["experiment"])
    with mlflow.start_run() as run:
        _ref.log_run(config, model, X_train, y_train, {f"valid_{metric}": value})
    return run.info.run_id
