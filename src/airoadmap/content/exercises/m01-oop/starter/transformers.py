"""Data transformers as a small class hierarchy, the way scikit-learn builds its own.

`Transformer` is an abstract base class: it owns the steps every transformer shares (check
the rows, refuse to transform before fitting, return `self` from `fit`) and leaves two hooks,
`_fit` and `_transform`, to its subclasses (the *template method* pattern). `StandardScaler`
and `MinMaxScaler` fill in the hooks; `Pipeline` chains transformers and is one itself, so
pipelines nest. Rows are plain lists of numbers: one inner list per row, one value per column.

Replace every `raise NotImplementedError` under a "# TODO:" with your code, then run
`airoadmap check m01-oop`. `NotFittedError`, `as_rows` and the abstract methods are given.
"""

from __future__ import annotations

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
        # TODO: start unfitted: set self.n_features_in_ (the number of columns seen by fit)
        # to None.
        raise NotImplementedError("Transformer.__init__")

    @property
    def is_fitted(self) -> bool:
        """Whether `fit` has run (read-only)."""
        # TODO: return True once fit has set n_features_in_.
        raise NotImplementedError("Transformer.is_fitted")

    def fit(self, rows: Sequence[Sequence[float]]) -> Self:
        """Learn from `rows` and return the transformer itself, so calls can chain."""
        # TODO: check and copy the rows with as_rows, call self._fit on them, then set
        # self.n_features_in_, and return self.
        raise NotImplementedError("Transformer.fit")

    def transform(self, rows: Sequence[Sequence[float]]) -> Rows:
        """Apply what `fit` learned to `rows`; returns new rows, leaves `rows` unchanged."""
        # TODO: raise NotFittedError if not fitted (say to call fit); check the rows with
        # as_rows; raise ValueError if their width differs from n_features_in_; then return
        # self._transform(...) of them.
        raise NotImplementedError("Transformer.transform")

    def fit_transform(self, rows: Sequence[Sequence[float]]) -> Rows:
        """`fit(rows)`, then `transform(rows)`."""
        # TODO: one line.
        raise NotImplementedError("Transformer.fit_transform")

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Self:
        """An unfitted transformer of this class built from a dict, e.g. read from a config.

        A key the constructor does not take raises ValueError naming it.

        >>> MinMaxScaler.from_params({"feature_range": [-1, 1]})
        MinMaxScaler(feature_range=(-1.0, 1.0))
        """
        # TODO: build an instance of `cls` (not of one class named here) from `params`;
        # turn an unknown key into a ValueError that names it.
        raise NotImplementedError("Transformer.from_params")

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
        # TODO: "ClassName(name=value, ...)" from get_params(), values shown with repr();
        # ClassName is the class of this object, which may be a subclass.
        raise NotImplementedError("Transformer.__repr__")

    def __eq__(self, other: object) -> bool:
        # TODO: NotImplemented when `other` is not of exactly the same class; otherwise
        # compare all attributes (vars()).
        raise NotImplementedError("Transformer.__eq__")


class StandardScaler(Transformer):
    """Centres each column on 0 and scales it to standard deviation 1: (x - mean) / std.

    A constant column has a standard deviation of 0: it is scaled by 1 instead.

    >>> StandardScaler().fit_transform([[1, 10], [3, 10]])
    [[-1.0, 0.0], [1.0, 0.0]]
    """

    mean_: list[float]
    scale_: list[float]

    def __init__(self, *, with_mean: bool = True) -> None:
        # TODO: let the base class set up its part, then store with_mean. When with_mean is
        # False, transform only divides by the standard deviation.
        raise NotImplementedError("StandardScaler.__init__")

    def get_params(self) -> dict[str, Any]:
        # TODO: the constructor's arguments as a dict.
        raise NotImplementedError("StandardScaler.get_params")

    def _fit(self, rows: Rows) -> None:
        # TODO: per column, store the mean in self.mean_ and the population standard
        # deviation (divide by n) in self.scale_, with 1.0 in place of 0.
        raise NotImplementedError("StandardScaler._fit")

    def _transform(self, rows: Rows) -> Rows:
        # TODO: return new rows of (x - mean) / scale, or x / scale without with_mean.
        raise NotImplementedError("StandardScaler._transform")


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
        # TODO: let the base class set up its part, then set self.feature_range (through
        # the property below, so it is validated).
        raise NotImplementedError("MinMaxScaler.__init__")

    @property
    def feature_range(self) -> tuple[float, float]:
        """(low, high), two finite floats with low < high; assigning it validates again."""
        # TODO: return the stored (low, high) tuple.
        raise NotImplementedError("MinMaxScaler.feature_range")

    @feature_range.setter
    def feature_range(self, value: Sequence[float]) -> None:
        # TODO: ValueError unless `value` holds exactly two finite numbers with low < high;
        # store them as a tuple of two floats.
        raise NotImplementedError("MinMaxScaler.feature_range (setter)")

    def get_params(self) -> dict[str, Any]:
        # TODO: the constructor's arguments as a dict.
        raise NotImplementedError("MinMaxScaler.get_params")

    def _fit(self, rows: Rows) -> None:
        # TODO: per column, store the minimum in self.data_min_ and the maximum in
        # self.data_max_.
        raise NotImplementedError("MinMaxScaler._fit")

    def _transform(self, rows: Rows) -> Rows:
        # TODO: return new rows of low + (x - min) / (max - min) * (high - low); `low` for a
        # constant column.
        raise NotImplementedError("MinMaxScaler._transform")


class Pipeline(Transformer):
    """Chains transformers: each one is fitted on, and applied to, the output of the one
    before. A Pipeline is a Transformer itself, so it can be a step of another Pipeline.

    >>> Pipeline([StandardScaler(), MinMaxScaler()]).fit_transform([[1], [2], [4]])
    [[0.0], [0.3333333333333333], [1.0]]
    """

    def __init__(self, steps: Sequence[Transformer]) -> None:
        # TODO: let the base class set up its part; store the steps as a new list.
        # ValueError if there are none; TypeError, giving its position, for a step that is
        # not a Transformer instance.
        raise NotImplementedError("Pipeline.__init__")

    def get_params(self) -> dict[str, Any]:
        # TODO: the constructor's arguments as a dict.
        raise NotImplementedError("Pipeline.get_params")

    def _fit(self, rows: Rows) -> None:
        # TODO: fit each step on the output of the step before it.
        raise NotImplementedError("Pipeline._fit")

    def _transform(self, rows: Rows) -> Rows:
        # TODO: pass the rows through every step's transform, in order.
        raise NotImplementedError("Pipeline._transform")
