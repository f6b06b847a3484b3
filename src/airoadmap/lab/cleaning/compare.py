"""How far a cleaned table is from the known clean one: cell agreement, column by column."""

from __future__ import annotations

import numpy as np
import pandas as pd


def cells_equal(actual: pd.Series, expected: pd.Series) -> np.ndarray:
    """Cell by cell: equal values, or both missing (numbers within 1e-9 relative)."""
    both_missing = actual.isna().to_numpy() & expected.isna().to_numpy()
    if pd.api.types.is_bool_dtype(expected) or pd.api.types.is_numeric_dtype(expected):
        a = pd.to_numeric(actual.astype(object), errors="coerce").astype("float64").to_numpy()
        e = expected.astype("float64").to_numpy()
        with np.errstate(invalid="ignore"):
            equal = np.isclose(a, e, rtol=1e-9, atol=1e-12)
    elif pd.api.types.is_datetime64_any_dtype(expected):
        if pd.api.types.is_datetime64_any_dtype(actual):
            a_dt = actual.astype("datetime64[ns]")
        else:  # text: only ISO dates ("1912-04-10") count as the same date
            a_dt = pd.to_datetime(actual.astype(object), format="ISO8601", errors="coerce")
            a_dt = a_dt.astype("datetime64[ns]")
        e_dt = expected.astype("datetime64[ns]")
        equal = (a_dt == e_dt).fillna(False).to_numpy(dtype=bool)
    else:
        a_obj = actual.astype(object).where(actual.notna(), None).to_numpy()
        e_obj = expected.astype(object).where(expected.notna(), None).to_numpy()
        equal = np.array([x == y for x, y in zip(a_obj, e_obj, strict=True)], dtype=bool)
    return np.asarray(both_missing | equal, dtype=bool)


def column_agreement(actual: pd.DataFrame, expected: pd.DataFrame) -> dict[str, float]:
    """Per column of `expected`: the fraction of rows whose cell in `actual` is the same.

    Rows are compared by position (both frames must have as many rows); a column missing
    from `actual` agrees nowhere.
    """
    if len(actual) != len(expected):
        raise ValueError(f"{len(actual)} rows to compare with {len(expected)}")
    result: dict[str, float] = {}
    for name in expected.columns:
        if name not in actual.columns or len(expected) == 0:
            result[name] = 0.0 if len(expected) else 1.0
            continue
        a = actual[name].reset_index(drop=True)
        e = expected[name].reset_index(drop=True)
        result[name] = float(cells_equal(a, e).mean())
    return result


def overall(agreement: dict[str, float]) -> float:
    """Agreement over every cell (every column has as many rows, so the mean of columns)."""
    return float(np.mean(list(agreement.values()))) if agreement else 1.0
