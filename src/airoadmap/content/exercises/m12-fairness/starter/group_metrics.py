"""Group fairness metrics by hand (m12-fairness, part 1).

Write these with NumPy only: fairlearn and scikit-learn are refused in this file (audit.py
uses them). `airoadmap show m12-fairness` explains the task; `airoadmap check` grades it;
`airoadmap hint` helps when you are stuck.

y_true and y_pred hold 0 and 1 (or booleans); groups holds one group name per row (strings
such as "female", or numbers such as a passenger class). Each function raises ValueError
with a message that names the problem when there are no rows ("empty"), when the three have
different lengths, when a label is not 0 or 1, or (group_metrics, equalized_odds_difference)
when a group has no positive or no negative label (name the group).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike


def selection_rate(y_pred: ArrayLike) -> float:
    """The share of rows predicted positive (1)."""
    # TODO: the mean of the 0/1 predictions.
    raise NotImplementedError("selection_rate")


def group_metrics(
    y_true: ArrayLike, y_pred: ArrayLike, groups: ArrayLike | Sequence[object]
) -> dict[object, dict[str, float]]:
    """For each group: {"count", "selection_rate", "true_positive_rate",
    "false_positive_rate", "accuracy"} (floats), keyed by the group's name."""
    # TODO: for each name in np.unique(groups), count TP, FP, TN, FN of its rows.
    raise NotImplementedError("group_metrics")


def demographic_parity_difference(
    y_true: ArrayLike, y_pred: ArrayLike, groups: ArrayLike | Sequence[object]
) -> float:
    """The largest gap in selection rate between two groups."""
    # TODO: max - min of the groups' selection rates.
    raise NotImplementedError("demographic_parity_difference")


def equalized_odds_difference(
    y_true: ArrayLike, y_pred: ArrayLike, groups: ArrayLike | Sequence[object]
) -> float:
    """The larger of the largest TPR gap and the largest FPR gap between two groups."""
    # TODO: from group_metrics, max(TPR spread, FPR spread).
    raise NotImplementedError("equalized_odds_difference")


if __name__ == "__main__":
    y_true = np.array([1, 0, 1, 0, 1, 0])
    y_pred = np.array([1, 0, 0, 0, 1, 1])
    groups = np.array(["a", "a", "a", "b", "b", "b"])
    print(group_metrics(y_true, y_pred, groups))
    print(demographic_parity_difference(y_true, y_pred, groups))
