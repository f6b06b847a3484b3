"""Wrong: the hand-written part takes its selection rate from fairlearn.

Fails: metrics_written_by_hand
Says: fairlearn, forbids
File: group_metrics.py
"""

from __future__ import annotations

from fairlearn.metrics import selection_rate as library_rate
from tests.content.submissions._solution import run_solution

run_solution("m12-fairness", globals())


def selection_rate(y_pred):
    return float(library_rate(y_pred, y_pred))
