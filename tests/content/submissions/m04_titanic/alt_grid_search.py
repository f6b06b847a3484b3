"""Correct: the model is a GridSearchCV (unfitted); tuning happens inside fit."""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder
from sklearn.tree import DecisionTreeClassifier


def make_model():
    columns = ColumnTransformer(
        [
            ("num", SimpleImputer(strategy="median"), ["pclass", "age", "sibsp", "parch", "fare"]),
            (
                "cat",
                make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder()),
                ["sex"],
            ),
        ]
    )
    pipe = Pipeline([("columns", columns), ("tree", DecisionTreeClassifier(random_state=0))])
    grid = {"tree__max_depth": [3, 4, 5], "tree__min_samples_leaf": [1, 5]}
    return GridSearchCV(pipe, grid, cv=StratifiedKFold(3, shuffle=True, random_state=0), n_jobs=1)
