"""Wrong: OneHotEncoder() without handle_unknown="ignore": a new category stops predict.

Fails: handles_missing_and_unseen
Says: handle_unknown="ignore"
"""

from __future__ import annotations

from typing import Any

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
data_hash = _ref.data_hash
train_and_log = _ref.train_and_log


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    features = config["features"]
    columns = ColumnTransformer(
        [
            (
                "num",
                make_pipeline(SimpleImputer(strategy="median"), StandardScaler()),
                features["numeric"],
            ),
            (
                "cat",
                make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder()),
                features["categorical"],
            ),
        ]
    )
    return Pipeline([("preprocess", columns), ("model", _ref.make_estimator(config))])
