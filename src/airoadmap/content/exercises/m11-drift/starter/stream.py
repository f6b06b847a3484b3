"""Concept drift on a labelled stream with river's ADWIN (m11-drift, part 2).

Here you use river (`pip install river`): `river.drift.ADWIN(delta=...)`, fed one value at a
time with `.update(value)`; its `.drift_detected` is True right after a change was found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from numpy.typing import ArrayLike


def error_stream(
    predict: Callable[[np.ndarray], ArrayLike], X: ArrayLike, y: ArrayLike
) -> np.ndarray:
    """1.0 where the model's prediction for a row is wrong, 0.0 where it is right, in stream
    order."""
    # TODO: compare predict(X) with y.
    raise NotImplementedError("error_stream")


def detect_changes(values: Iterable[float], delta: float = 0.002) -> list[int]:
    """The positions (0-based) in `values` at which ADWIN signals a change of their mean."""
    # TODO: one ADWIN(delta=delta); update it with each value; keep the positions where
    # drift_detected is True.
    raise NotImplementedError("detect_changes")


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4000, 2))
    y = np.where(np.arange(4000) < 2000, X[:, 0] > 0, X[:, 1] > 0).astype(int)
    errors = error_stream(lambda rows: (rows[:, 0] > 0).astype(int), X, y)
    print("ADWIN alarms at", detect_changes(errors))
