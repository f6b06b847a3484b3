"""Group fairness metrics by hand, with NumPy: rates per group and the gaps between groups.

Every metric here comes from four counts per group: the true positives, false positives,
true negatives and false negatives of the predictions for that group's rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike


def _binary(values: ArrayLike, what: str) -> np.ndarray:
    """`values` as an array of 0 and 1 (booleans allowed); a ValueError for anything else."""
    array = np.asarray(values)
    unique = set(np.unique(array).tolist())
    if not unique <= {0, 1}:
        raise ValueError(f"{what} must hold only 0 and 1 (binary labels), found {sorted(unique)}")
    return array.astype(int)


def selection_rate(y_pred: ArrayLike) -> float:
    """The share of rows predicted positive (1)."""
    pred = _binary(y_pred, "y_pred")
    if pred.size == 0:
        raise ValueError("y_pred is empty: a selection rate needs at least one row")
    return float(pred.mean())


def _columns(
    y_true: ArrayLike, y_pred: ArrayLike, groups: ArrayLike | Sequence[object]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three inputs as arrays of one length (labels checked to be 0/1)."""
    true = _binary(y_true, "y_true")
    pred = _binary(y_pred, "y_pred")
    group = np.asarray(groups)
    if not len(true) == len(pred) == len(group):
        raise ValueError(
            f"y_true, y_pred and groups must have the same length, got "
            f"{len(true)}, {len(pred)} and {len(group)}"
        )
    if len(true) == 0:
        raise ValueError("y_true, y_pred and groups are empty: there is nothing to measure")
    return true, pred, group


def _key(name: object) -> object:
    """A group's name as a plain Python value (np.str_ -> str, np.int64 -> int)."""
    return name.item() if isinstance(name, np.generic) else name


def group_metrics(
    y_true: ArrayLike, y_pred: ArrayLike, groups: ArrayLike | Sequence[object]
) -> dict[object, dict[str, float]]:
    """For each group (sorted), its row count, selection rate, true and false positive
    rates and accuracy. A group without a positive or a negative label has no TPR or FPR:
    a ValueError names it."""
    true, pred, group = _columns(y_true, y_pred, groups)
    table: dict[object, dict[str, float]] = {}
    for name in np.unique(group):
        t, p = true[group == name], pred[group == name]
        for label, kind in ((1, "positive"), (0, "negative")):
            if not np.any(t == label):
                raise ValueError(
                    f"group {_key(name)!r} has no {kind} label: its true and false positive "
                    "rates are undefined"
                )
        table[_key(name)] = {
            "count": float(len(t)),
            "selection_rate": float(p.mean()),
            "true_positive_rate": float(p[t == 1].mean()),  # TP / (TP + FN)
            "false_positive_rate": float(p[t == 0].mean()),  # FP / (FP + TN)
            "accuracy": float(np.mean(p == t)),
        }
    return table


def _spread(values: Sequence[float]) -> float:
    return max(values) - min(values)


def demographic_parity_difference(
    y_true: ArrayLike, y_pred: ArrayLike, groups: ArrayLike | Sequence[object]
) -> float:
    """The largest gap in selection rate between two groups (0 is parity). y_true is only
    checked: a selection rate does not depend on the labels."""
    _, pred, group = _columns(y_true, y_pred, groups)
    return _spread([float(pred[group == name].mean()) for name in np.unique(group)])


def equalized_odds_difference(
    y_true: ArrayLike, y_pred: ArrayLike, groups: ArrayLike | Sequence[object]
) -> float:
    """The larger of the largest gaps in true positive rate and in false positive rate."""
    rows = group_metrics(y_true, y_pred, groups).values()
    return max(
        _spread([row["true_positive_rate"] for row in rows]),
        _spread([row["false_positive_rate"] for row in rows]),
    )
