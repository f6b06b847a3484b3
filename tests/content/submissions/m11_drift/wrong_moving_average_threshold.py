"""Wrong: a fixed threshold on a moving average instead of ADWIN: an alarm whenever the mean
of the last 100 errors is above 0.15.

At an error rate of 0.10, a window of 100 errors has a standard deviation of 0.03: the
average crosses 0.15 by chance again and again on a stream that does not change. ADWIN's
bound grows with the window and holds its false alarm rate at delta.

Fails: stable_stream_quiet
Says: false alarms, error rate stays
File: stream.py
"""

from collections.abc import Iterable

import numpy as np
from tests.content.submissions.m11_drift._stream import run_stream

run_stream(globals())


def detect_changes(values: Iterable[float], delta: float = 0.002) -> list[int]:
    """Positions where the mean of the last 100 values exceeds 0.15."""
    errors = np.asarray(list(values), dtype=float)
    window = 100
    means = np.convolve(errors, np.ones(window) / window, mode="valid")
    return [int(i) + window - 1 for i in np.flatnonzero(means > 0.15)]
