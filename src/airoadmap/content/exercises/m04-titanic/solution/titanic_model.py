"""Titanic survival: feature engineering inside a scikit-learn Pipeline (m04-titanic).

`make_model()` returns an UNFITTED pipeline that takes the raw passenger frame (pclass, name,
sex, age, sibsp, parch, ticket, fare, cabin, embarked, home_dest) and predicts `survived`
(0 or 1). Everything it learns from data, the imputation values included, it learns in
`fit`, from the rows `fit` receives: a median computed on all 1309 passengers before the
split would carry information about the held-out ones into training.

The features: sex and class; the title in the name ("Master" tells a boy from a man better
than a missing age does); age imputed by title; family size; fare per person; deck; and
the fate of the passenger's ticket mates in the training data, the strongest addition
(+1 to +2 points of cross-validated accuracy for every model tried).

Why a random forest: 5-fold cross-validation on the 891 training passengers ranks it first
(0.833), ahead of gradient boosting (0.820) and logistic regression (0.816) on the same
features; `airoadmap run m04-titanic` prints the whole leaderboard.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# Raw columns the features are made from (home_dest is not used).
RAW_COLUMNS = (
    "pclass", "name", "sex", "age", "sibsp", "parch", "ticket", "fare", "cabin", "embarked"
)  # fmt: skip

NUMERIC_FEATURES = [
    "pclass",
    "is_female",
    "age",
    "age_missing",
    "sibsp",
    "parch",
    "family_size",
    "is_alone",
    "log_fare_per_person",
    "cabin_known",
    "ticket_mates_known",
    "ticket_survival",
]
CATEGORICAL_FEATURES = ["title", "deck", "embarked"]

# Spellings of the same title; titles rarer than `min_title_count` become "Rare".
TITLE_ALIASES = {"Mlle": "Miss", "Ms": "Miss", "Mme": "Mrs"}


def title_of(names: pd.Series) -> pd.Series:
    """The title in "Surname, Title. Given names": "Allen, Miss. Elisabeth" -> "Miss"."""
    titles = names.str.extract(r",\s*([^.]+)\.", expand=False).str.strip()
    return titles.replace(TITLE_ALIASES).fillna("Rare")


class TitanicFeatures(TransformerMixin, BaseEstimator):
    """Raw passenger columns -> model features (a DataFrame); all statistics learned in `fit`.

    Parameters
    ----------
    min_title_count : int, default 10
        Titles seen fewer times in the training data are grouped as "Rare".

    Attributes (set by fit)
    -----------------------
    titles_ : list of str, the titles kept as they are
    age_by_title_ : dict, median age of each title group in the training data
    age_median_ : float, median age of the training data (for a group without ages)
    fare_by_class_ : dict, median fare per pclass in the training data
    embarked_mode_ : str, the most common port of the training data
    survival_rate_ : float, share of the training passengers who survived
    ticket_stats_ : DataFrame, per ticket: survivors and passengers in the training data
    own_label_ : dict, (name, ticket) -> label of each training passenger
    """

    def __init__(self, min_title_count: int = 10) -> None:
        self.min_title_count = min_title_count

    def fit(self, X: pd.DataFrame, y: ArrayLike | None = None) -> TitanicFeatures:
        """Learn title groups, imputation values and ticket-group survival from the
        training rows `X` and their labels `y` (0 or 1)."""
        _require_columns(X)
        if y is None:
            raise ValueError("TitanicFeatures learns ticket-group survival: call fit(X, y).")
        labels = pd.Series(np.asarray(y, dtype=float), index=X.index)
        titles = title_of(X["name"])
        counts = titles.value_counts()
        self.titles_ = sorted(counts[counts >= self.min_title_count].index)
        title = self._group_titles(titles)
        self.age_median_ = float(X["age"].median())
        self.age_by_title_ = X["age"].groupby(title).median().dropna().to_dict()
        self.fare_by_class_ = X["fare"].groupby(X["pclass"]).median().dropna().to_dict()
        self.embarked_mode_ = str(X["embarked"].mode().iloc[0])
        self.survival_rate_ = float(labels.mean())
        self.ticket_stats_ = labels.groupby(X["ticket"]).agg(["sum", "count"])
        self.own_label_ = dict(zip(zip(X["name"], X["ticket"], strict=True), labels, strict=True))
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """The features of `X`: one row per passenger, NUMERIC_FEATURES + CATEGORICAL_FEATURES."""
        if not hasattr(self, "titles_"):
            raise ValueError("TitanicFeatures is not fitted yet: call fit(X, y) first.")
        _require_columns(X)
        title = self._group_titles(title_of(X["name"]))
        age = X["age"].fillna(title.map(self.age_by_title_)).fillna(self.age_median_)
        family_size = X["sibsp"] + X["parch"] + 1
        # The fare is paid per ticket, and a family shares one: divide it among them.
        fare = X["fare"].fillna(X["pclass"].map(self.fare_by_class_)).fillna(0.0)
        mates, survived = self._ticket_mates(X)
        features = pd.DataFrame(
            {
                "pclass": X["pclass"].astype(float),
                "is_female": (X["sex"] == "female").astype(float),
                "age": age.astype(float),
                "age_missing": X["age"].isna().astype(float),
                "sibsp": X["sibsp"].astype(float),
                "parch": X["parch"].astype(float),
                "family_size": family_size.astype(float),
                "is_alone": (family_size == 1).astype(float),
                "log_fare_per_person": np.log1p(fare / family_size).astype(float),
                "cabin_known": X["cabin"].notna().astype(float),
                "ticket_mates_known": mates,
                "ticket_survival": np.where(
                    mates > 0, survived / np.maximum(mates, 1), self.survival_rate_
                ),
                "title": title.astype(str),
                "deck": X["cabin"].str[0].fillna("Unknown").astype(str),  # "C85" -> "C"
                "embarked": X["embarked"].fillna(self.embarked_mode_).astype(str),
            },
            index=X.index,
        )
        return features

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Names of the columns `transform` returns."""
        return np.asarray(NUMERIC_FEATURES + CATEGORICAL_FEATURES, dtype=object)

    def _group_titles(self, titles: pd.Series) -> pd.Series:
        return titles.where(titles.isin(self.titles_), "Rare")

    def _ticket_mates(self, X: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Per passenger: ticket mates among the training passengers, and how many survived.

        People on one ticket travelled together and often shared their fate. A passenger is
        never their own mate: a training passenger's own label is taken out again, or the
        feature would hand the model the answer on its training rows (and the model would
        learn to trust it far too much).
        """
        stats = self.ticket_stats_
        mates = X["ticket"].map(stats["count"]).fillna(0.0).to_numpy(dtype=float)
        survived = X["ticket"].map(stats["sum"]).fillna(0.0).to_numpy(dtype=float)
        own = [self.own_label_.get(key) for key in zip(X["name"], X["ticket"], strict=True)]
        is_own = np.array([label is not None for label in own])
        mates = mates - is_own
        survived = survived - np.array([label or 0.0 for label in own])
        return mates, survived


def _require_columns(X: pd.DataFrame) -> None:
    if not isinstance(X, pd.DataFrame):
        raise TypeError(f"TitanicFeatures takes a pandas DataFrame, got {type(X).__name__}.")
    missing = [c for c in RAW_COLUMNS if c not in X.columns]
    if missing:
        raise ValueError(f"TitanicFeatures needs the columns {missing}, missing from X.")


def make_preprocessor() -> Pipeline:
    """Raw passengers -> a numeric matrix: features, then scaling and one-hot encoding."""
    encode = ColumnTransformer(
        [
            ("numeric", StandardScaler(), NUMERIC_FEATURES),
            ("categorical", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_FEATURES),
        ],
        sparse_threshold=0.0,
    )
    return Pipeline([("features", TitanicFeatures()), ("encode", encode)])


def make_model() -> Pipeline:
    """An unfitted pipeline: raw passenger frame in, survived (0 or 1) out."""
    forest = RandomForestClassifier(n_estimators=300, min_samples_leaf=3, n_jobs=1, random_state=0)
    return Pipeline([("preprocess", make_preprocessor()), ("model", forest)])
