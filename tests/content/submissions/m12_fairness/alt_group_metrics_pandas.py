"""Correct, written differently: the counts per group with a pandas groupby.

File: group_metrics.py
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def _frame(y_true: Any, y_pred: Any, groups: Any) -> pd.DataFrame:
    columns = {"y": np.asarray(y_true), "p": np.asarray(y_pred), "g": np.asarray(groups)}
    sizes = {len(v) for v in columns.values()}
    if len(sizes) != 1:
        raise ValueError(f"inputs of different length: {[len(v) for v in columns.values()]}")
    if sizes == {0}:
        raise ValueError("no rows: the inputs are empty")
    for name in ("y", "p"):
        values = columns[name]
        if (
            values.ndim != 1
            or not np.isin(values.astype(int), (0, 1)).all()
            or not np.array_equal(values.astype(int), values)
        ):
            raise ValueError(f"labels must be binary (0 or 1), got {sorted(set(values.tolist()))}")
        columns[name] = values.astype(int)
    return pd.DataFrame(columns)


def selection_rate(y_pred: Any) -> float:
    pred = _frame(y_pred, y_pred, np.zeros(len(y_pred)))["p"]
    return float(pred.sum() / len(pred))


def group_metrics(y_true: Any, y_pred: Any, groups: Any) -> dict[object, dict[str, float]]:
    frame = _frame(y_true, y_pred, groups)
    frame["tp"] = frame.y & frame.p
    frame["fp"] = (1 - frame.y) & frame.p
    frame["right"] = (frame.y == frame.p).astype(int)
    sums = frame.groupby("g").agg(
        n=("y", "size"),
        pos=("y", "sum"),
        sel=("p", "sum"),
        tp=("tp", "sum"),
        fp=("fp", "sum"),
        right=("right", "sum"),
    )
    result: dict[object, dict[str, float]] = {}
    for name, row in sums.iterrows():
        negatives = row.n - row.pos
        if row.pos == 0 or negatives == 0:
            raise ValueError(
                f"group {name} has no {'positive' if row.pos == 0 else 'negative'} example"
            )
        key = name.item() if isinstance(name, np.generic) else name
        result[key] = {
            "count": float(row.n),
            "selection_rate": row.sel / row.n,
            "true_positive_rate": row.tp / row.pos,
            "false_positive_rate": row.fp / negatives,
            "accuracy": row.right / row.n,
        }
    return result


def demographic_parity_difference(y_true: Any, y_pred: Any, groups: Any) -> float:
    rates = _frame(y_true, y_pred, groups).groupby("g")["p"].mean()
    return float(rates.max() - rates.min())


def equalized_odds_difference(y_true: Any, y_pred: Any, groups: Any) -> float:
    table = pd.DataFrame(group_metrics(y_true, y_pred, groups)).T
    gaps = table[["true_positive_rate", "false_positive_rate"]].agg(lambda c: c.max() - c.min())
    return float(gaps.max())
