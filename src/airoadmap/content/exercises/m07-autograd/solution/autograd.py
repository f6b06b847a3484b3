"""A small reverse-mode automatic differentiation engine over NumPy arrays.

Every operation on a `Tensor` returns a new `Tensor` that remembers its parents and a
function that pushes its own gradient back to them (the chain rule for that one operation).
`backward()` orders the graph topologically and calls those functions from the output back
to the leaves, so each node has received every contribution before it passes its own on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Union

import numpy as np

Array = np.ndarray[Any, np.dtype[np.float64]]
Operand = Union["Tensor", float, int, Array]


def _unbroadcast(grad: Array, shape: tuple[int, ...]) -> Array:
    """Sum `grad` down to `shape`, undoing NumPy broadcasting.

    Broadcasting prepends axes of length 1 and stretches axes of length 1; the gradient of
    an operand is the sum of the output's gradient over every axis it was stretched along.
    """
    extra = grad.ndim - len(shape)
    ones = tuple(extra + i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=tuple(range(extra)) + ones).reshape(shape)


class Tensor:
    """An array of float64 with a gradient, recording the operations that built it."""

    def __init__(
        self,
        data: Any,
        _parents: tuple[Tensor, ...] = (),
        _backward: Callable[[Array], None] | None = None,
    ) -> None:
        self.data: Array = np.array(data, dtype=np.float64)
        self.grad: Array = np.zeros_like(self.data)
        self._parents = _parents
        self._backward = _backward

    def __repr__(self) -> str:
        return f"Tensor({self.data!r})"

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of `data`."""
        return tuple(self.data.shape)

    # --- building blocks ---------------------------------------------------------------------

    @staticmethod
    def _lift(value: Operand) -> Tensor:
        """`value` as a Tensor: a number or an array becomes a constant leaf."""
        return value if isinstance(value, Tensor) else Tensor(value)

    def _unary(self, data: Array, local: Array) -> Tensor:
        """A Tensor of `data` whose gradient flows back as grad * local (elementwise)."""

        def backward(grad: Array) -> None:
            self.grad += grad * local

        return Tensor(data, (self,), backward)

    # --- arithmetic (with broadcasting) -----------------------------------------------------

    def __add__(self, other: Operand) -> Tensor:
        o = self._lift(other)

        def backward(grad: Array) -> None:
            self.grad += _unbroadcast(grad, self.shape)
            o.grad += _unbroadcast(grad, o.shape)

        return Tensor(self.data + o.data, (self, o), backward)

    def __radd__(self, other: Operand) -> Tensor:
        return self._lift(other) + self

    def __neg__(self) -> Tensor:
        return self * -1.0

    def __sub__(self, other: Operand) -> Tensor:
        return self + (-self._lift(other))

    def __rsub__(self, other: Operand) -> Tensor:
        return self._lift(other) + (-self)

    def __mul__(self, other: Operand) -> Tensor:
        o = self._lift(other)

        def backward(grad: Array) -> None:
            self.grad += _unbroadcast(grad * o.data, self.shape)
            o.grad += _unbroadcast(grad * self.data, o.shape)

        return Tensor(self.data * o.data, (self, o), backward)

    def __rmul__(self, other: Operand) -> Tensor:
        return self._lift(other) * self

    def __truediv__(self, other: Operand) -> Tensor:
        o = self._lift(other)

        def backward(grad: Array) -> None:
            self.grad += _unbroadcast(grad / o.data, self.shape)
            o.grad += _unbroadcast(-grad * self.data / o.data**2, o.shape)

        return Tensor(self.data / o.data, (self, o), backward)

    def __rtruediv__(self, other: Operand) -> Tensor:
        return self._lift(other) / self

    def __matmul__(self, other: Tensor) -> Tensor:
        """Matrix product of two 2-D tensors: (n, k) @ (k, m) -> (n, m)."""
        o = self._lift(other)

        def backward(grad: Array) -> None:
            self.grad += grad @ o.data.T
            o.grad += self.data.T @ grad

        return Tensor(self.data @ o.data, (self, o), backward)

    def __pow__(self, exponent: float) -> Tensor:
        """Elementwise power by a plain number (not a Tensor)."""
        p = float(exponent)
        return self._unary(self.data**p, p * self.data ** (p - 1.0))

    # --- elementwise functions ---------------------------------------------------------------

    def exp(self) -> Tensor:
        """e ** x elementwise."""
        out = np.exp(self.data)
        return self._unary(out, out)

    def log(self) -> Tensor:
        """Natural logarithm elementwise (for positive entries)."""
        return self._unary(np.log(self.data), 1.0 / self.data)

    def tanh(self) -> Tensor:
        """Hyperbolic tangent elementwise."""
        out = np.tanh(self.data)
        return self._unary(out, 1.0 - out**2)

    def relu(self) -> Tensor:
        """max(x, 0) elementwise; its derivative is taken as 0 at x = 0."""
        return self._unary(np.maximum(self.data, 0.0), (self.data > 0.0).astype(np.float64))

    # --- reductions --------------------------------------------------------------------------

    def sum(self) -> Tensor:
        """The sum of every entry, a 0-d Tensor."""

        def backward(grad: Array) -> None:
            self.grad += np.broadcast_to(grad, self.shape)

        return Tensor(self.data.sum(), (self,), backward)

    def mean(self) -> Tensor:
        """The mean of every entry, a 0-d Tensor."""
        return self.sum() / self.data.size

    # --- backpropagation ---------------------------------------------------------------------

    def backward(self) -> None:
        """Add d(self)/d(node) to the `.grad` of every node that self was computed from.

        Raises ValueError when self holds more than one number: the gradient of a
        non-scalar output is not defined without a vector to multiply it by.
        """
        if self.data.size != 1:
            raise ValueError(
                f"backward() needs a scalar output, this tensor has shape {self.shape}: "
                "reduce it with .sum() or .mean() first"
            )
        order: list[Tensor] = []
        seen: set[int] = set()
        stack: list[tuple[Tensor, bool]] = [(self, False)]
        while stack:  # iterative depth-first search, so deep graphs do not hit recursion limits
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((parent, False) for parent in node._parents if id(parent) not in seen)
        self.grad += np.ones_like(self.data)
        for node in reversed(order):
            if node._backward is not None:
                node._backward(node.grad)
