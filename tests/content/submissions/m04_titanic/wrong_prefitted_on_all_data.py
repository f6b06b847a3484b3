"""Wrong: fits the model on the whole data set inside make_model.

Fails: returns_unfitted
Says: while make_model() ran
"""

from __future__ import annotations

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder
from tests.content.submissions.m04_titanic.alt_grid_search import *

from airoadmap.datasets import load_frame


def make_model():
    df = load_frame("titanic")
    columns = ColumnTransformer(
        [
            ("num", SimpleImputer(strategy="median"), ["pclass", "age", "sibsp", "parch", "fare"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["sex"]),
        ]
    )
    model = Pipeline([("columns", columns), ("model", LogisticRegression(max_iter=1000))])
    return model.fit(df.drop(columns=["survived", "boat", "body"]), df["survived"])
