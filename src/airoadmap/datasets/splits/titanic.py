"""Titanic passengers as features and label, and the fixed held-out split.

The split is the one the m04-titanic checks grade on: 418 held-out passengers (as many as in
Kaggle's test set), stratified on survival, drawn once with a fixed seed. Code that is being
evaluated sees only the training part in `fit` and the held-out features in `predict`.

The seed makes a split that is neither easy nor hard: it is the first from 1900 on whose
held-out passengers the plain "women survive" rule scores what it scores on all 1309
(0.780). It was chosen by that rule, not by any model's score. Over other random splits the
reference model's held-out accuracy varies by about ±0.015 (benchmarks/bench_titanic.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

DATASET = "titanic"
HOLDOUT_SIZE = 418  # Kaggle's test set has 418 passengers, its training set 891
SPLIT_SEED = 1903  # see the module docstring: chosen by a baseline, not by a model


@dataclass(frozen=True)
class Split:
    """Training and held-out passengers: features (no label, no leaky column) and labels."""

    X_train: pd.DataFrame
    X_holdout: pd.DataFrame
    y_train: pd.Series
    y_holdout: pd.Series


def leaky_and_target() -> tuple[str, tuple[str, ...]]:
    """The label column and the columns that give it away (registry: boat, body)."""
    from airoadmap.datasets import get_spec

    spec = get_spec(DATASET)
    assert spec.target is not None
    return spec.target, spec.leaky_columns


def features_and_label(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Split the raw frame into the features (label and leaky columns dropped) and the label."""
    target, leaky = leaky_and_target()
    X = frame.drop(columns=[target, *leaky], errors="ignore")
    return X, frame[target].astype(int)


def load_titanic() -> tuple[pd.DataFrame, pd.Series]:
    """All 1309 passengers: features (11 columns) and `survived` (0 or 1)."""
    from airoadmap.datasets import load_frame

    return features_and_label(load_frame(DATASET))


def holdout_split(X: pd.DataFrame, y: pd.Series, *, size: int | float = HOLDOUT_SIZE) -> Split:
    """The fixed stratified split: 891 training passengers, 418 held out.

    size: passengers held out (an int) or their share (a float); only tests change it.
    """
    from sklearn.model_selection import train_test_split

    X_train, X_holdout, y_train, y_holdout = train_test_split(
        X, y, test_size=size, stratify=y, random_state=SPLIT_SEED
    )
    return Split(X_train, X_holdout, y_train, y_holdout)
