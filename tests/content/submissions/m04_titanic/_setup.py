"""What the held-back submissions need before they run: the "notebook" model.

wrong_prefitted_pickle.py returns a model fitted beforehand on all 1309 passengers and
pickled, as a learner might from a notebook. The pickle is made here, outside the checks (which
refuse to let the learner's code read the data set), and named in TITANIC_NOTEBOOK_MODEL.
"""

from __future__ import annotations

import pickle
from pathlib import Path


def setup(folder: Path) -> dict[str, str]:
    """Fit the notebook model and pickle it into `folder`; the environment it needs."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    from airoadmap.datasets.splits.titanic import load_titanic

    X, y = load_titanic()
    columns = ColumnTransformer(
        [
            ("num", SimpleImputer(strategy="median"), ["pclass", "age", "sibsp", "parch", "fare"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["sex"]),
        ]
    )
    model = Pipeline([("columns", columns), ("model", LogisticRegression(max_iter=1000))])
    path = folder / "notebook_model.pkl"
    path.write_bytes(pickle.dumps(model.fit(X, y)))
    return {"TITANIC_NOTEBOOK_MODEL": str(path)}
