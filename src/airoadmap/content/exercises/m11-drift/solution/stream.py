"""Concept drift on a labelled stream: the model's errors, watched by river's ADWIN.

When the relation between inputs and labels changes, the inputs can look exactly as before:
only the model's mistakes tell. ADWIN keeps a window of recent values and drops its older
part as soon as the two parts' means differ more than chance allows (confidence `delta`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from numpy.typing import ArrayLike
from river import drift


def error_stream(
    predict: Callable[[np.ndarray], ArrayLike], X: ArrayLike, y: ArrayLike
) -> np.ndarray:
    """1.0 where the model's prediction for a row is wrong, 0.0 where it is right, in stream
    order."""
    predicted = np.asarray(predict(np.asarray(X)))
    labels = np.asarray(y)
    return (predicted != labels).astype(float)


def detect_changes(values: Iterable[float], delta: float = 0.002) -> list[int]:
    """The positions (0-based) in `values` at which ADWIN signals a change of their mean."""
    detector = drift.ADWIN(delta=delta)
    alarms = []
    for position, value in enumerate(values):
        detector.update(float(value))
        if detector.drift_detected:
            alarms.append(position)
    return alarms


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4000, 2))
    y = np.where(np.arange(4000) < 2000, X[:, 0] > 0, X[:, 1] > 0).astype(int)
    errors = error_stream(lambda rows: (rows[:, 0] > 0).astype(int), X, y)
    print("ADWIN alarms at", detect_changes(errors))
