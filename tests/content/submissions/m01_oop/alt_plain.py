# ruff: noqa: B905  (written like a learner would: plain zip)
"""A correct m01-oop submission written another way: hand-made sums, try/except in
from_params, separate low/high attributes behind the property, functools.reduce."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from functools import reduce


class NotFittedError(ValueError):
    pass


def as_rows(rows):
    table = [[float(value) for value in row] for row in rows]
    if not table or not table[0]:
        raise ValueError("expected at least one row with at least one value")
    for index, row in enumerate(table):
        if len(row) != len(table[0]):
            raise ValueError(f"row {index} has {len(row)} values, row 0 has {len(table[0])}")
    return table


class Transformer(ABC):
    def __init__(self):
        self.n_features_in_ = None

    @property
    def is_fitted(self):
        return self.n_features_in_ is not None

    def fit(self, rows):
        rows = as_rows(rows)
        self._fit(rows)
        self.n_features_in_ = len(rows[0])
        return self

    def transform(self, rows):
        if self.n_features_in_ is None:
            raise NotFittedError(f"{type(self).__name__}: fit me first")
        rows = as_rows(rows)
        width = len(rows[0])
        if width != self.n_features_in_:
            raise ValueError(f"expected {self.n_features_in_} columns, got {width}")
        return self._transform(rows)

    def fit_transform(self, rows):
        rows = as_rows(rows)
        self.fit(rows)
        return self.transform(rows)

    @classmethod
    def from_params(cls, params):
        try:
            return cls(**params)
        except TypeError as err:
            raise ValueError(f"bad parameters for {cls.__name__}: {err}") from err

    @abstractmethod
    def get_params(self): ...

    @abstractmethod
    def _fit(self, rows): ...

    @abstractmethod
    def _transform(self, rows): ...

    def __repr__(self):
        args = [f"{key}={value!r}" for key, value in self.get_params().items()]
        return type(self).__name__ + "(" + ", ".join(args) + ")"

    def __eq__(self, other):
        if not isinstance(other, Transformer) or type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__


class StandardScaler(Transformer):
    def __init__(self, *, with_mean=True):
        super().__init__()
        self.with_mean = with_mean

    def get_params(self):
        return {"with_mean": self.with_mean}

    def _fit(self, rows):
        n = len(rows)
        self.mean_, self.scale_ = [], []
        for j in range(len(rows[0])):
            column = [row[j] for row in rows]
            mean = sum(column) / n
            std = math.sqrt(sum((x - mean) ** 2 for x in column) / n)
            self.mean_.append(mean)
            self.scale_.append(std if std != 0 else 1.0)

    def _transform(self, rows):
        out = []
        for row in rows:
            new_row = []
            for j, x in enumerate(row):
                if self.with_mean:
                    x = x - self.mean_[j]
                new_row.append(x / self.scale_[j])
            out.append(new_row)
        return out


class MinMaxScaler(Transformer):
    def __init__(self, feature_range=(0.0, 1.0)):
        super().__init__()
        self.feature_range = feature_range

    @property
    def feature_range(self):
        return (self._low, self._high)

    @feature_range.setter
    def feature_range(self, value):
        try:
            if len(value) != 2:
                raise ValueError
            low, high = float(value[0]), float(value[1])
        except (TypeError, ValueError):
            raise ValueError(f"feature_range needs two numbers, got {value!r}") from None
        if math.isnan(low) or math.isnan(high) or math.isinf(low) or math.isinf(high):
            raise ValueError(f"feature_range must be finite, got {value!r}")
        if low >= high:
            raise ValueError(f"feature_range needs low < high, got {value!r}")
        self._low, self._high = low, high

    def get_params(self):
        return {"feature_range": self.feature_range}

    def _fit(self, rows):
        columns = list(zip(*rows))
        self.data_min_ = [min(c) for c in columns]
        self.data_max_ = [max(c) for c in columns]

    def _transform(self, rows):
        result = []
        for row in rows:
            new_row = []
            for x, lo, hi in zip(row, self.data_min_, self.data_max_):
                if hi == lo:
                    new_row.append(self._low)
                else:
                    new_row.append(self._low + (x - lo) * (self._high - self._low) / (hi - lo))
            result.append(new_row)
        return result


class Pipeline(Transformer):
    def __init__(self, steps):
        super().__init__()
        steps = list(steps)
        if len(steps) == 0:
            raise ValueError("Pipeline needs at least one step")
        for position, step in enumerate(steps):
            if not isinstance(step, Transformer):
                raise TypeError(f"Pipeline step #{position} must be a Transformer")
        self.steps = steps

    def get_params(self):
        return {"steps": self.steps}

    def _fit(self, rows):
        reduce(lambda data, step: step.fit_transform(data), self.steps, rows)

    def _transform(self, rows):
        return reduce(lambda data, step: step.transform(data), self.steps, rows)
