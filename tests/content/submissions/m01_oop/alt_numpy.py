"""A correct m01-oop submission that computes with NumPy and returns lists."""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any, Self

import numpy as np

Rows = list[list[float]]


class NotFittedError(ValueError):
    """Raised when a transformer is used before `fit` has been called."""


def as_rows(rows: Sequence[Sequence[float]]) -> Rows:
    table = [[float(value) for value in row] for row in rows]
    if not table or not table[0]:
        raise ValueError("expected at least one row with at least one value")
    width = len(table[0])
    for index, row in enumerate(table):
        if len(row) != width:
            raise ValueError(f"row {index} has {len(row)} values, but row 0 has {width}")
    return table


class Transformer(ABC):
    def __init__(self) -> None:
        self.n_features_in_: int | None = None

    @property
    def is_fitted(self) -> bool:
        return self.n_features_in_ is not None

    def fit(self, rows: Sequence[Sequence[float]]) -> Self:
        table = as_rows(rows)
        self._fit(table)
        self.n_features_in_ = len(table[0])
        return self

    def transform(self, rows: Sequence[Sequence[float]]) -> Rows:
        if not self.is_fitted:
            raise NotFittedError("call fit before transform")
        table = as_rows(rows)
        if len(table[0]) != self.n_features_in_:
            raise ValueError(f"got {len(table[0])} columns, expected {self.n_features_in_}")
        return self._transform(table)

    def fit_transform(self, rows: Sequence[Sequence[float]]) -> Rows:
        return self.fit(rows).transform(rows)

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Self:
        accepted = set(inspect.signature(cls).parameters)
        unknown = set(params) - accepted
        if unknown:
            raise ValueError(f"unknown parameters for {cls.__name__}: {sorted(unknown)}")
        return cls(**params)

    @abstractmethod
    def get_params(self) -> dict[str, Any]: ...

    @abstractmethod
    def _fit(self, rows: Rows) -> None: ...

    @abstractmethod
    def _transform(self, rows: Rows) -> Rows: ...

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{self.__class__.__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        mine, theirs = vars(self), vars(other)
        if mine.keys() != theirs.keys():
            return False
        for key, value in mine.items():
            if isinstance(value, np.ndarray):
                if not np.array_equal(value, theirs[key]):
                    return False
            elif value != theirs[key]:
                return False
        return True


class StandardScaler(Transformer):
    def __init__(self, *, with_mean: bool = True) -> None:
        super().__init__()
        self.with_mean = with_mean

    def get_params(self) -> dict[str, Any]:
        return {"with_mean": self.with_mean}

    def _fit(self, rows: Rows) -> None:
        x = np.asarray(rows)
        std = x.std(axis=0)
        self.mean_ = x.mean(axis=0)
        self.scale_ = np.where(std == 0, 1.0, std)

    def _transform(self, rows: Rows) -> Rows:
        x = np.asarray(rows)
        if self.with_mean:
            x = x - self.mean_
        return (x / self.scale_).tolist()


class MinMaxScaler(Transformer):
    def __init__(self, feature_range: Sequence[float] = (0.0, 1.0)) -> None:
        super().__init__()
        self.feature_range = feature_range

    @property
    def feature_range(self) -> tuple[float, float]:
        return self._range

    @feature_range.setter
    def feature_range(self, value: Sequence[float]) -> None:
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"bad feature_range {value!r}") from None
        if arr.shape != (2,) or not np.all(np.isfinite(arr)) or not arr[0] < arr[1]:
            raise ValueError(f"bad feature_range {value!r}")
        self._range = (float(arr[0]), float(arr[1]))

    def get_params(self) -> dict[str, Any]:
        return {"feature_range": self.feature_range}

    def _fit(self, rows: Rows) -> None:
        x = np.asarray(rows)
        self.data_min_ = x.min(axis=0)
        self.data_max_ = x.max(axis=0)

    def _transform(self, rows: Rows) -> Rows:
        low, high = self.feature_range
        span = self.data_max_ - self.data_min_
        safe = np.where(span == 0, 1.0, span)
        scaled = (np.asarray(rows) - self.data_min_) / safe
        scaled = np.where(span == 0, 0.0, scaled)
        return (low + scaled * (high - low)).tolist()


class Pipeline(Transformer):
    def __init__(self, steps: Sequence[Transformer]) -> None:
        super().__init__()
        self.steps = list(steps)
        if not self.steps:
            raise ValueError("no steps")
        for i, step in enumerate(self.steps):
            if not isinstance(step, Transformer):
                raise TypeError(f"step {i} is not a Transformer: {step!r}")

    def get_params(self) -> dict[str, Any]:
        return {"steps": self.steps}

    def _fit(self, rows: Rows) -> None:
        for step in self.steps:
            rows = step.fit_transform(rows)

    def _transform(self, rows: Rows) -> Rows:
        for step in self.steps:
            rows = step.transform(rows)
        return rows
