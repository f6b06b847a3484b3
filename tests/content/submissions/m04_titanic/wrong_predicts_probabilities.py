"""Wrong: predict returns the probability of survival instead of 0 or 1.

Fails: fits_without_leaky_columns
Says: not probabilities
"""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import OneHotEncoder


class Model:
    def fit(self, X, y):
        self.columns_ = ColumnTransformer(
            [
                ("num", SimpleImputer(strategy="median"), ["pclass", "age", "fare"]),
                ("cat", OneHotEncoder(handle_unknown="ignore"), ["sex"]),
            ]
        )
        self.model_ = LogisticRegression(max_iter=1000).fit(self.columns_.fit_transform(X), y)
        return self

    def predict(self, X):
        return self.model_.predict_proba(self.columns_.transform(X))[:, 1]


def make_model():
    return Model()
