"""Wrong: the KS test is scipy's ks_2samp, column by column, not the learner's own.

Its numbers are right (the checks compare with it): only the rule of the exercise catches it.

Fails: drift_written_by_hand
Says: ks_2samp, ready-made
File: drift.py
"""

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import ks_2samp
from tests.content.submissions._solution import run_solution

run_solution("m11-drift", globals())


def ks_test(reference: ArrayLike, current: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """scipy's test, one column at a time."""
    ref, cur = np.asarray(reference, dtype=float), np.asarray(current, dtype=float)
    results = [ks_2samp(ref[:, j], cur[:, j], method="asymp") for j in range(ref.shape[1])]
    return np.array([r.statistic for r in results]), np.array([r.pvalue for r in results])
