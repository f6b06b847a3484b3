"""Correct, written differently: errors with np.not_equal, the alarms gathered by a
generator over river's ADWIN.

File: stream.py
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np
from numpy.typing import ArrayLike
from river.drift import ADWIN


def error_stream(
    predict: Callable[[np.ndarray], ArrayLike], X: ArrayLike, y: ArrayLike
) -> np.ndarray:
    """1.0 for each wrong prediction, 0.0 for each right one."""
    return np.not_equal(predict(np.asarray(X)), np.asarray(y)).astype(np.float64)


def _alarms(values: Iterable[float], delta: float) -> Iterator[int]:
    adwin = ADWIN(delta=delta)
    for i, value in enumerate(values):
        adwin.update(value)
        if adwin.drift_detected:
            yield i


def detect_changes(values: Iterable[float], delta: float = 0.002) -> list[int]:
    """Where ADWIN detects a change of the mean."""
    return list(_alarms(values, delta))
