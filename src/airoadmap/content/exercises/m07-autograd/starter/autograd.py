"""Backpropagation from scratch: your code. Read brief.md first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Union

import numpy as np

Array = np.ndarray[Any, np.dtype[np.float64]]
Operand = Union["Tensor", float, int, Array]


class Tensor:
    """An array of float64 with a gradient, recording the operations that built it."""

    def __init__(
        self,
        data: Any,
        _parents: tuple[Tensor, ...] = (),
        _backward: Callable[[Array], None] | None = None,
    ) -> None:
        raise NotImplementedError("Tensor.__init__: store data (a float64 copy), grad, parents")

    def __add__(self, other: Operand) -> Tensor:
        raise NotImplementedError("Tensor.__add__: self + other, with broadcasting")

    def __radd__(self, other: Operand) -> Tensor:
        raise NotImplementedError("Tensor.__radd__: other + self, other a number")

    def __neg__(self) -> Tensor:
        raise NotImplementedError("Tensor.__neg__: -self")

    def __sub__(self, other: Operand) -> Tensor:
        raise NotImplementedError("Tensor.__sub__: self - other, with broadcasting")

    def __rsub__(self, other: Operand) -> Tensor:
        raise NotImplementedError("Tensor.__rsub__: other - self, other a number")

    def __mul__(self, other: Operand) -> Tensor:
        raise NotImplementedError("Tensor.__mul__: self * other, with broadcasting")

    def __rmul__(self, other: Operand) -> Tensor:
        raise NotImplementedError("Tensor.__rmul__: other * self, other a number")

    def __truediv__(self, other: Operand) -> Tensor:
        raise NotImplementedError("Tensor.__truediv__: self / other, with broadcasting")

    def __rtruediv__(self, other: Operand) -> Tensor:
        raise NotImplementedError("Tensor.__rtruediv__: other / self, other a number")

    def __matmul__(self, other: Tensor) -> Tensor:
        raise NotImplementedError("Tensor.__matmul__: the matrix product of two 2-D tensors")

    def __pow__(self, exponent: float) -> Tensor:
        raise NotImplementedError("Tensor.__pow__: self ** exponent, exponent a number")

    def exp(self) -> Tensor:
        raise NotImplementedError("Tensor.exp: e ** self elementwise")

    def log(self) -> Tensor:
        raise NotImplementedError("Tensor.log: the natural logarithm elementwise")

    def tanh(self) -> Tensor:
        raise NotImplementedError("Tensor.tanh: the hyperbolic tangent elementwise")

    def relu(self) -> Tensor:
        raise NotImplementedError("Tensor.relu: max(self, 0) elementwise")

    def sum(self) -> Tensor:
        raise NotImplementedError("Tensor.sum: the sum of every entry")

    def mean(self) -> Tensor:
        raise NotImplementedError("Tensor.mean: the mean of every entry")

    def backward(self) -> None:
        raise NotImplementedError("Tensor.backward: the gradients of self, in topological order")
