"""Wrong: "a fresh seed for every run" reseeds the forest from the clock.

Fails: reproducible
Says: not seeded
"""

from __future__ import annotations

import time
from typing import Any

import mlflow
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
build_pipeline = _ref.build_pipeline


def train_and_log(
    config: dict[str, Any], X_train: Any, y_train: Any, X_valid: Any, y_valid: Any, uri: str
) -> str:
    model = build_pipeline(config)
    model.set_params(model__random_state=time.perf_counter_ns() % 2**32)
    model.fit(X_train, y_train)
    metric = config["evaluate"]["metric"]
    value = _ref.score(model, X_valid, y_valid, metric)
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(config["tracking"]["experiment"])
    with mlflow.start_run() as run:
        _ref.log_run(config, model, X_train, y_train, {f"valid_{metric}": value})
    return run.info.run_id
