"""Wrong: no imputation, so the missing ages and fares reach the model.

Fails: handles_missing_and_unseen
Says: put a SimpleImputer
"""

from __future__ import annotations

from typing import Any

from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
train_and_log = _ref.train_and_log


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    features = config["features"]
    columns = ColumnTransformer(
        [
            ("num", StandardScaler(), features["numeric"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), features["categorical"]),
        ]
    )
    return Pipeline([("preprocess", columns), ("model", _ref.make_estimator(config))])
