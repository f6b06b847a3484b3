"""Wrong: hashes the bytes of an object array (memory addresses), not the values.

Fails: hash_is_a_fingerprint
Says: two copies of the same rows
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from tests.content.submissions.m06_pipeline._base import reference

_ref = reference()
build_pipeline = _ref.build_pipeline
train_and_log = _ref.train_and_log


def data_hash(X: pd.DataFrame, y: pd.Series) -> str:
    values = np.column_stack([X.to_numpy(dtype=object), np.asarray(y, dtype=object)])
    return hashlib.sha256(values.tobytes()).hexdigest()
