"""Correct: HistGradientBoosting with ordinal-encoded categories and native missing values."""

from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder


def make_model():
    columns = ColumnTransformer(
        [
            ("num", "passthrough", ["pclass", "age", "sibsp", "parch", "fare"]),
            (
                "cat",
                OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1),
                ["sex", "embarked"],
            ),
        ]
    )
    booster = HistGradientBoostingClassifier(
        max_iter=100, learning_rate=0.05, max_depth=3, categorical_features=[5, 6], random_state=0
    )
    return Pipeline([("columns", columns), ("model", booster)])
