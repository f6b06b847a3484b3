"""Wrong: the hash covers X only, so two runs with different labels look alike.

Fails: hash_is_a_fingerprint
Says: Flipping one label
"""

from __future__ import annotations

import hashlib

import pandas as pd
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
build_pipeline = _ref.build_pipeline
train_and_log = _ref.train_and_log


def data_hash(X: pd.DataFrame, y: pd.Series) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(X).to_numpy().tobytes()).hexdigest()
