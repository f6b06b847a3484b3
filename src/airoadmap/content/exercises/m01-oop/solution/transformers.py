"""Data transformers as a small class hierarchy, the way scikit-learn builds its own.

`Transformer` is an abstract base class: it owns the steps every transformer shares (check
the rows, refuse to transform before fitting, return `self` from `fit`) and leaves two hooks,
`_fit` and `_transform`, to its subclasses (the *template method* pattern). `StandardScaler`
and `MinMaxScaler` fill in the hooks; `Pipeline` chains transformers and is one itself, so
pipelines nest. Rows are plain lists of numbers: one inner list per row, one value per column.
"""

from __future__ import annotations

import inspect
import math
import statistics
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any, Self

Rows = list[list[float]]


class NotFittedError(ValueError):
    """Raised when a transformer is used before `fit` has been called."""


def as_rows(rows: Sequence[Sequence[float]]) -> Rows:
    """Copy `rows` into a new list of lists of floats, checking it is a non-empty rectangle.

    >>> as_rows([(1, 2), (3, 4)])
    [[1.0, 2.0], [3.0, 4.0]]
    """
    table = [[float(value) for value in row] for row in rows]
    if not table or not table[0]:
        raise ValueError("expected at least one row with at least one value")
    width = len(table[0])
    for index, row in enumerate(table):
        if len(row) != width:
            raise ValueError(f"row {index} has {len(row)} values, but row 0 has {width}")
    return table


class Transformer(ABC):
    """Learns something from rows with `fit`, then applies it to any rows with `transform`.

    Subclasses implement `_fit`, `_transform` and `get_params`; everything else is shared.
    Two transformers are equal when they are of the same class and all their attributes
    (parameters and learned values) are equal. Equal objects must hash alike, and these can
    change, so they are not hashable (defining `__eq__` turns `__hash__` off).
    """

    def __init__(self) -> None:
        self.n_features_in_: int | None = None  # set by fit: the number of columns

    @property
    def is_fitted(self) -> bool:
        """Whether `fit` has run (read-only)."""
        return self.n_features_in_ is not None

    def fit(self, rows: Sequence[Sequence[float]]) -> Self:
        """Learn from `rows` and return the transformer itself, so calls can chain."""
        table = as_rows(rows)
        self._fit(table)
        # Only now: if _fit raised, the transformer did not become fitted.
        self.n_features_in_ = len(table[0])
        return self

    def transform(self, rows: Sequence[Sequence[float]]) -> Rows:
        """Apply what `fit` learned to `rows`; returns new rows, leaves `rows` unchanged."""
        if not self.is_fitted:
            raise NotFittedError(
                f"this {type(self).__name__} is not fitted yet: call fit(rows) before transform"
            )
        table = as_rows(rows)
        if len(table[0]) != self.n_features_in_:
            raise ValueError(
                f"rows have {len(table[0])} columns, but this {type(self).__name__} was "
                f"fitted on {self.n_features_in_}"
            )
        return self._transform(table)

    def fit_transform(self, rows: Sequence[Sequence[float]]) -> Rows:
        """`fit(rows)`, then `transform(rows)`."""
        return self.fit(rows).transform(rows)

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Self:
        """An unfitted transformer of this class built from a dict, e.g. read from a config.

        A key the constructor does not take raises ValueError naming it.

        >>> MinMaxScaler.from_params({"feature_range": [-1, 1]})
        MinMaxScaler(feature_range=(-1.0, 1.0))
        """
        parameters = inspect.signature(cls).parameters.values()
        if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
            accepted = {p.name for p in parameters}
            unknown = sorted(set(params) - accepted)
            if unknown:
                raise ValueError(
                    f"{cls.__name__} has no parameter {', '.join(map(repr, unknown))} "
                    f"(it takes: {', '.join(sorted(accepted)) or 'nothing'})"
                )
        return cls(**params)

    @abstractmethod
    def get_params(self) -> dict[str, Any]:
        """The constructor's arguments, by name: what `repr` shows and `from_params` takes."""

    @abstractmethod
    def _fit(self, rows: Rows) -> None:
        """Learn from `rows` (already checked: a non-empty rectangle of floats)."""

    @abstractmethod
    def _transform(self, rows: Rows) -> Rows:
        """Transform `rows` (already checked, with as many columns as in fit); new rows."""

    def __repr__(self) -> str:
        params = ", ".join(f"{name}={value!r}" for name, value in self.get_params().items())
        return f"{type(self).__name__}({params})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented  # let Python try the other side, then fall back to False
        return vars(self) == vars(other)


class StandardScaler(Transformer):
    """Centres each column on 0 and scales it to standard deviation 1: (x - mean) / std.

    A constant column has a standard deviation of 0: it is scaled by 1 instead.

    >>> StandardScaler().fit_transform([[1, 10], [3, 10]])
    [[-1.0, 0.0], [1.0, 0.0]]
    """

    mean_: list[float]
    scale_: list[float]

    def __init__(self, *, with_mean: bool = True) -> None:
        super().__init__()
        self.with_mean = with_mean

    def get_params(self) -> dict[str, Any]:
        return {"with_mean": self.with_mean}

    def _fit(self, rows: Rows) -> None:
        columns = list(zip(*rows, strict=True))
        self.mean_ = [statistics.fmean(column) for column in columns]
        # pstdev: the population standard deviation (divide by n, not n - 1), computed exactly.
        self.scale_ = [statistics.pstdev(column) or 1.0 for column in columns]

    def _transform(self, rows: Rows) -> Rows:
        shift = self.mean_ if self.with_mean else [0.0] * len(self.mean_)
        return [
            [(x - m) / s for x, m, s in zip(row, shift, self.scale_, strict=True)] for row in rows
        ]


class MinMaxScaler(Transformer):
    """Maps each column linearly so that its training minimum and maximum land on
    `feature_range` (low, high). New values outside the training range land outside it.

    A constant column maps to `low`.

    >>> MinMaxScaler(feature_range=(-1, 1)).fit_transform([[0, 5], [10, 5]])
    [[-1.0, -1.0], [1.0, -1.0]]
    """

    data_min_: list[float]
    data_max_: list[float]

    def __init__(self, feature_range: Sequence[float] = (0.0, 1.0)) -> None:
        super().__init__()
        self.feature_range = feature_range  # through the property: validated once, here

    @property
    def feature_range(self) -> tuple[float, float]:
        """(low, high), two finite floats with low < high; assigning it validates again."""
        return self._feature_range

    @feature_range.setter
    def feature_range(self, value: Sequence[float]) -> None:
        try:
            low, high = (float(v) for v in value)
        except (TypeError, ValueError):  # not iterable, not two items, not numbers
            raise ValueError(
                f"feature_range must be two numbers (low, high), got {value!r}"
            ) from None
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise ValueError(f"feature_range must be finite with low < high, got {value!r}")
        self._feature_range = (low, high)

    def get_params(self) -> dict[str, Any]:
        return {"feature_range": self.feature_range}

    def _fit(self, rows: Rows) -> None:
        columns = list(zip(*rows, strict=True))
        self.data_min_ = [min(column) for column in columns]
        self.data_max_ = [max(column) for column in columns]

    def _transform(self, rows: Rows) -> Rows:
        low, high = self.feature_range
        spans = [hi - lo for lo, hi in zip(self.data_min_, self.data_max_, strict=True)]
        return [
            [
                low + (x - lo) / span * (high - low) if span else low
                for x, lo, span in zip(row, self.data_min_, spans, strict=True)
            ]
            for row in rows
        ]


class Pipeline(Transformer):
    """Chains transformers: each one is fitted on, and applied to, the output of the one
    before. A Pipeline is a Transformer itself, so it can be a step of another Pipeline.

    >>> Pipeline([StandardScaler(), MinMaxScaler()]).fit_transform([[1], [2], [4]])
    [[0.0], [0.3333333333333333], [1.0]]
    """

    def __init__(self, steps: Sequence[Transformer]) -> None:
        super().__init__()
        steps = list(steps)
        if not steps:
            raise ValueError("a Pipeline needs at least one step")
        for index, step in enumerate(steps):
            if isinstance(step, type) and issubclass(step, Transformer):
                raise TypeError(
                    f"step {index} is the class {step.__name__}, not an instance: "
                    f"write {step.__name__}()"
                )
            if not isinstance(step, Transformer):
                raise TypeError(
                    f"step {index} is {step!r} ({type(step).__name__}), not a Transformer"
                )
        self.steps = steps

    def get_params(self) -> dict[str, Any]:
        return {"steps": list(self.steps)}

    def _fit(self, rows: Rows) -> None:
        for step in self.steps[:-1]:
            rows = step.fit_transform(rows)
        self.steps[-1].fit(rows)

    def _transform(self, rows: Rows) -> Rows:
        for step in self.steps:
            rows = step.transform(rows)  # never fit here: only what was learned in fit
        return rows
