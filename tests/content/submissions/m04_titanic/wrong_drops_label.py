"""Wrong: drops columns X never has (the label and the leaky ones), so fit fails.

Fails: fits_without_leaky_columns
Says: needs the column 'survived'
"""

from __future__ import annotations

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder
from tests.content.submissions.m04_titanic.alt_grid_search import *


def clean(X):
    return X.drop(columns=["survived", "boat", "body"])


def make_model():
    columns = ColumnTransformer(
        [
            ("num", SimpleImputer(strategy="median"), ["pclass", "age", "sibsp", "parch", "fare"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["sex"]),
        ]
    )
    return Pipeline(
        [
            ("clean", FunctionTransformer(clean)),
            ("columns", columns),
            ("model", LogisticRegression(max_iter=1000)),
        ]
    )
