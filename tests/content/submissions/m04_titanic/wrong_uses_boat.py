"""Wrong: uses the lifeboat column, which only exists for survivors (leaks the label).

Fails: fits_without_leaky_columns
Says: needs the column 'boat'
"""

from __future__ import annotations

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder
from tests.content.submissions.m04_titanic.alt_grid_search import *


def make_model():
    columns = ColumnTransformer(
        [
            ("num", SimpleImputer(strategy="median"), ["pclass", "age", "fare"]),
            (
                "cat",
                make_pipeline(
                    SimpleImputer(strategy="constant", fill_value="none"),
                    OneHotEncoder(handle_unknown="ignore"),
                ),
                ["sex", "boat"],
            ),
        ]
    )
    return Pipeline([("columns", columns), ("model", LogisticRegression(max_iter=1000))])
