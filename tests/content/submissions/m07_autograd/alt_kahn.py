"""Correct another way: each node keeps (parent, vector-Jacobian product) pairs, and backward()
uses Kahn's algorithm: a node runs once every node that consumes it has run."""

from __future__ import annotations

import numpy as np


def _reduce_to(grad, shape):
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


def _as_tensor(x):
    return x if isinstance(x, Tensor) else Tensor(x)


class Tensor:
    def __init__(self, data, edges=()):
        self.data = np.array(data, dtype=float)
        self.grad = np.zeros(self.data.shape)
        self.edges = list(edges)  # (parent, vjp): vjp maps this node's grad to the parent's

    def _make(self, data, *edges):
        return Tensor(data, edges)

    def __add__(self, other):
        other = _as_tensor(other)
        return self._make(
            self.data + other.data,
            (self, lambda g: _reduce_to(g, self.data.shape)),
            (other, lambda g: _reduce_to(g, other.data.shape)),
        )

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        return self._make(-self.data, (self, lambda g: -g))

    def __sub__(self, other):
        other = _as_tensor(other)
        return self._make(
            self.data - other.data,
            (self, lambda g: _reduce_to(g, self.data.shape)),
            (other, lambda g: -_reduce_to(g, other.data.shape)),
        )

    def __rsub__(self, other):
        return _as_tensor(other) - self

    def __mul__(self, other):
        other = _as_tensor(other)
        return self._make(
            self.data * other.data,
            (self, lambda g: _reduce_to(g * other.data, self.data.shape)),
            (other, lambda g: _reduce_to(g * self.data, other.data.shape)),
        )

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = _as_tensor(other)
        inverse = 1.0 / other.data
        return self._make(
            self.data * inverse,
            (self, lambda g: _reduce_to(g * inverse, self.data.shape)),
            (other, lambda g: _reduce_to(-g * self.data * inverse * inverse, other.data.shape)),
        )

    def __rtruediv__(self, other):
        return _as_tensor(other) / self

    def __matmul__(self, other):
        return self._make(
            np.matmul(self.data, other.data),
            (self, lambda g: np.matmul(g, other.data.T)),
            (other, lambda g: np.matmul(self.data.T, g)),
        )

    def __pow__(self, p):
        return self._make(self.data**p, (self, lambda g: g * p * self.data ** (p - 1)))

    def exp(self):
        e = np.exp(self.data)
        return self._make(e, (self, lambda g: g * e))

    def log(self):
        return self._make(np.log(self.data), (self, lambda g: g / self.data))

    def tanh(self):
        t = np.tanh(self.data)
        return self._make(t, (self, lambda g: g * (1 - t) * (1 + t)))

    def relu(self):
        return self._make(
            np.where(self.data > 0, self.data, 0.0),
            (self, lambda g: np.where(self.data > 0, g, 0.0)),
        )

    def sum(self):
        return self._make(np.sum(self.data), (self, lambda g: g * np.ones(self.data.shape)))

    def mean(self):
        n = self.data.size
        return self._make(np.mean(self.data), (self, lambda g: g * np.ones(self.data.shape) / n))

    def backward(self):
        if self.data.size != 1:
            raise ValueError(f"backward() works on a scalar; got shape {self.data.shape}")
        # count, for every node, how many edges point to it
        consumers = {id(self): 0}
        nodes = [self]
        index = 0
        while index < len(nodes):
            for parent, _ in nodes[index].edges:
                if id(parent) not in consumers:
                    consumers[id(parent)] = 0
                    nodes.append(parent)
                consumers[id(parent)] += 1
            index += 1
        self.grad = self.grad + 1.0
        ready = [self]
        while ready:
            node = ready.pop()
            for parent, vjp in node.edges:
                parent.grad = parent.grad + vjp(node.grad)
                consumers[id(parent)] -= 1
                if consumers[id(parent)] == 0:
                    ready.append(parent)
