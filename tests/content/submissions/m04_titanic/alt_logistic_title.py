"""Correct: a title feature in a stateless FunctionTransformer, imputation in the Pipeline."""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler


def add_title(X):
    X = X.copy()
    X["title"] = X["name"].str.extract(r",\s*([^.]+)\.", expand=False)
    X["family"] = X["sibsp"] + X["parch"] + 1
    return X


def make_model():
    numeric = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    categorical = make_pipeline(
        SimpleImputer(strategy="most_frequent"),
        OneHotEncoder(handle_unknown="ignore", min_frequency=10),
    )
    columns = ColumnTransformer(
        [
            ("num", numeric, ["pclass", "age", "sibsp", "parch", "fare", "family"]),
            ("cat", categorical, ["sex", "embarked", "title"]),
        ]
    )
    return Pipeline(
        [
            ("title", FunctionTransformer(add_title)),
            ("columns", columns),
            ("model", LogisticRegression(max_iter=1000)),
        ]
    )
