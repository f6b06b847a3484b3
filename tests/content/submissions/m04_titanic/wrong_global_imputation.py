"""Wrong: the median age is computed on all 1309 passengers, before the split.

Fails: returns_unfitted
Says: while being imported
"""

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder

from airoadmap.datasets import load_frame

_ALL = load_frame("titanic")
AGE_MEDIAN = _ALL["age"].median()
FARE_MEDIAN = _ALL["fare"].median()


def fill(X: pd.DataFrame) -> pd.DataFrame:
    return X.fillna({"age": AGE_MEDIAN, "fare": FARE_MEDIAN})


def make_model():
    columns = ColumnTransformer(
        [
            ("num", "passthrough", ["pclass", "age", "sibsp", "parch", "fare"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["sex"]),
        ]
    )
    return Pipeline(
        [
            ("fill", FunctionTransformer(fill)),
            ("columns", columns),
            ("model", LogisticRegression(max_iter=1000)),
        ]
    )
