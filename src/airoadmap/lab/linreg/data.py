"""Ames house prices as a regression problem: numeric features, log sale price.

What `prepare` does, in order, and why:
0. Houses above 4000 square feet of living area are removed, as the data set's author
   recommends (De Cock 2011): 5 houses, three of them partial sales of very large houses
   whose prices do not reflect their size. Left in, two of them dominate the test error.
1. Target: log(sale_price). Prices are skewed and errors are relative (10% of a $100k house
   is not 10% of a $500k one); on the log scale a linear model fits both ends.
2. Features: the numeric columns, less the row identifiers (order, pid) and the numbers
   that name a category (ms_sub_class): a code is not a quantity.
3. A fixed 80/20 split, before anything is learned from the data.
4. Missing values: 0 for the basement, garage and masonry areas and counts (the data set's
   documentation: missing means the house has none), the training median elsewhere.
5. Redundant columns: a column that the other ones explain almost exactly (R^2 > 0.999) is
   dropped. Ames has two, sums of other columns: total_bsmt_sf (the three basement areas)
   and gr_liv_area (the floor areas). With them the normal equations are singular, and
   gradient descent has a direction with no curvature, along which it never settles.
6. Standardisation with the training mean and standard deviation: one learning rate suits
   every feature, and the coefficients are comparable (change in log price per standard
   deviation of the feature).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

DATASET = "ames"
TARGET = "sale_price"
ID_COLUMNS = ("order", "pid")
NOMINAL_CODES = ("ms_sub_class",)  # numbers that name a category
NONE_WHEN_MISSING = ("bsmt_", "total_bsmt", "garage_area", "garage_cars", "mas_vnr_area")
TEST_SIZE = 0.2
SPLIT_SEED = 0
MAX_MISSING = 0.2  # a column missing more often than this is left out
REDUNDANT_R2 = 0.999  # a column explained better than this by the others is dropped
LIVING_AREA, MAX_LIVING_AREA = "gr_liv_area", 4000.0  # step 0 (when the column exists)

Array = np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True)
class Prepared:
    """The standardised training and test features, the log prices, and what was done."""

    X_train: Array  # (n_train, n_features)
    y_train: Array  # (n_train,)
    X_test: Array  # (n_test, n_features)
    y_test: Array  # (n_test,)
    features: list[str]
    dropped: dict[str, str] = field(default_factory=dict)  # column -> why it was left out
    removed_rows: int = 0  # houses removed by step 0

    @property
    def n_rows(self) -> int:
        return len(self.y_train) + len(self.y_test)


def load_ames() -> pd.DataFrame:
    """The 2930 Ames houses from the data set registry (tests replace this function)."""
    from airoadmap.datasets import load_frame

    return load_frame(DATASET)


def prepare(
    frame: pd.DataFrame, *, test_size: float = TEST_SIZE, seed: int = SPLIT_SEED
) -> Prepared:
    """Steps 1-6 of the module docstring; everything is learned on the training rows only."""
    from sklearn.model_selection import train_test_split

    removed = 0
    if LIVING_AREA in frame.columns:
        large = frame[LIVING_AREA] > MAX_LIVING_AREA
        frame, removed = frame.loc[~large], int(large.sum())
    y = np.log(frame[TARGET].to_numpy(dtype=float))
    numeric = frame.select_dtypes("number").drop(
        columns=[TARGET, *ID_COLUMNS, *NOMINAL_CODES], errors="ignore"
    )
    dropped = {c: "a code naming a category" for c in NOMINAL_CODES if c in frame.columns}
    missing = numeric.isna().mean()
    for column in missing.index[missing > MAX_MISSING]:
        dropped[column] = f"missing in {missing[column]:.0%} of the rows"
    numeric = numeric.loc[:, missing <= MAX_MISSING].astype(float)

    X_train, X_test, y_train, y_test = train_test_split(
        numeric, y, test_size=test_size, random_state=seed
    )
    fill = fill_values(X_train)
    X_train, X_test = X_train.fillna(fill), X_test.fillna(fill)

    constant = [c for c in numeric.columns if X_train[c].std() == 0.0]
    dropped.update({c: "constant on the training rows" for c in constant})
    kept = [c for c in numeric.columns if c not in constant]
    redundant = redundant_columns(X_train[kept])
    dropped.update(redundant)
    kept = [c for c in kept if c not in redundant]

    train = X_train[kept].to_numpy(dtype=float)
    mean, std = train.mean(axis=0), train.std(axis=0)
    return Prepared(
        X_train=(train - mean) / std,
        y_train=np.asarray(y_train, dtype=float),
        X_test=(X_test[kept].to_numpy(dtype=float) - mean) / std,
        y_test=np.asarray(y_test, dtype=float),
        features=kept,
        dropped=dropped,
        removed_rows=removed,
    )


def fill_values(train: pd.DataFrame) -> dict[str, float]:
    """What replaces a missing value, per column: 0 where missing means none (step 4), else
    the median of the training rows (never of the test rows)."""
    return {
        str(c): 0.0 if str(c).startswith(NONE_WHEN_MISSING) else float(train[c].median())
        for c in train.columns
    }


def redundant_columns(X: pd.DataFrame, *, max_r2: float = REDUNDANT_R2) -> dict[str, str]:
    """Columns the others explain with R^2 > max_r2, from the last column to the first.

    Walking backwards drops a sum (listed after its parts in Ames) rather than a part. Each
    reason names the columns that make it up: "= 1.00 x 1st_flr_sf + 1.00 x 2nd_flr_sf ...".
    """
    values = X.to_numpy(dtype=float)
    values = values - values.mean(axis=0)
    gram = values.T @ values  # every regression below is a small system on it
    kept = list(range(values.shape[1]))
    reasons: dict[str, str] = {}
    for j in reversed(range(values.shape[1])):
        others = [k for k in kept if k != j]
        if not others:
            break
        # Least squares of column j on the others, through the normal equations (min-norm
        # where the others are themselves redundant); R^2 = explained / total sum of squares.
        coef, *_ = np.linalg.lstsq(gram[np.ix_(others, others)], gram[others, j], rcond=None)
        r2 = float(gram[j, others] @ coef) / float(gram[j, j])
        if r2 > max_r2:
            kept.remove(j)
            reasons[str(X.columns[j])] = f"R^2 = {r2:.4f} from {_combination(X, others, coef, j)}"
    return reasons


def _combination(X: pd.DataFrame, others: list[int], coef: Array, target: int) -> str:
    """The main terms of a fitted combination: the ones carrying 5% of the target's spread."""
    spread = X.iloc[:, others].std().to_numpy() * np.abs(coef)
    main = [i for i in np.argsort(-spread) if spread[i] >= 0.05 * X.iloc[:, target].std()][:4]
    return " + ".join(f"{coef[i]:.2f} x {X.columns[others[i]]}" for i in main)
