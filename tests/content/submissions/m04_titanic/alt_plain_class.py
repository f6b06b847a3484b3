"""Correct: a plain class (no scikit-learn base) that builds its model inside fit."""

import numpy as np
from sklearn.ensemble import RandomForestClassifier


class SurvivalModel:
    def fit(self, X, y):
        self.age_median_ = X["age"].median()
        self.fare_median_ = X["fare"].median()
        self.forest_ = RandomForestClassifier(
            n_estimators=200, min_samples_leaf=3, random_state=0
        ).fit(self._features(X), y)
        return self

    def _features(self, X):
        return np.column_stack(
            [
                X["pclass"],
                X["sex"] == "female",
                X["age"].fillna(self.age_median_),
                X["sibsp"] + X["parch"],
                X["fare"].fillna(self.fare_median_),
                X["name"].str.contains("Master."),
            ]
        ).astype(float)

    def predict(self, X):
        return self.forest_.predict(self._features(X))


def make_model():
    return SurvivalModel()
