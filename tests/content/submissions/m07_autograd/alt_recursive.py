"""Correct another way: every operation is a small Function class with forward and backward,
and backward() orders the graph with a recursive depth-first search under a raised recursion
limit."""

from __future__ import annotations

import sys

import numpy as np


def _sum_to(grad, shape):
    lead = grad.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(
        lead + i for i, n in enumerate(shape) if n == 1 and grad.shape[lead + i] > 1
    )
    return np.sum(grad, axis=axes).reshape(shape) if axes else grad.reshape(shape)


class Tensor:
    def __init__(self, data, fn=None, inputs=()):
        self.data = np.array(data, dtype=np.float64, copy=True)
        self.grad = np.zeros_like(self.data)
        self.fn = fn
        self.inputs = inputs

    def _apply(self, fn, *others):
        inputs = (self, *(o if isinstance(o, Tensor) else Tensor(o) for o in others))
        return Tensor(fn.forward(*[t.data for t in inputs]), fn, inputs)

    def __add__(self, o):
        return self._apply(Add(), o)

    def __radd__(self, o):
        return self._apply(Add(), o)

    def __sub__(self, o):
        return self._apply(Add(), Tensor(o) * -1.0 if not isinstance(o, Tensor) else o * -1.0)

    def __rsub__(self, o):
        return (self * -1.0)._apply(Add(), o)

    def __neg__(self):
        return self * -1.0

    def __mul__(self, o):
        return self._apply(Mul(), o)

    def __rmul__(self, o):
        return self._apply(Mul(), o)

    def __truediv__(self, o):
        return self._apply(Mul(), (o if isinstance(o, Tensor) else Tensor(o)) ** -1.0)

    def __rtruediv__(self, o):
        return (self**-1.0)._apply(Mul(), o)

    def __matmul__(self, o):
        return self._apply(MatMul(), o)

    def __pow__(self, p):
        return self._apply(Pow(p))

    def exp(self):
        return self._apply(Exp())

    def log(self):
        return self._apply(Log())

    def tanh(self):
        return self._apply(Tanh())

    def relu(self):
        return self._apply(Relu())

    def sum(self):
        return self._apply(Sum())

    def mean(self):
        return self.sum() * (1.0 / self.data.size)

    def backward(self):
        if self.data.size != 1:
            raise ValueError("only a scalar tensor can call backward()")
        order, seen = [], set()

        def visit(node):
            if id(node) not in seen:
                seen.add(id(node))
                for child in node.inputs:
                    visit(child)
                order.append(node)

        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 100_000))
        try:
            visit(self)
        finally:
            sys.setrecursionlimit(limit)
        self.grad += 1.0
        for node in order[::-1]:
            if node.fn is not None:
                for t, g in zip(node.inputs, node.fn.backward(node.grad), strict=True):
                    t.grad += _sum_to(g, t.data.shape)


class Add:
    def forward(self, a, b):
        return a + b

    def backward(self, g):
        return g, g


class Mul:
    def forward(self, a, b):
        self.a, self.b = a, b
        return a * b

    def backward(self, g):
        return g * self.b, g * self.a


class MatMul:
    def forward(self, a, b):
        self.a, self.b = a, b
        return a @ b

    def backward(self, g):
        return g @ self.b.T, self.a.T @ g


class Pow:
    def __init__(self, p):
        self.p = p

    def forward(self, a):
        self.a = a
        return a**self.p

    def backward(self, g):
        return (g * self.p * self.a ** (self.p - 1),)


class Exp:
    def forward(self, a):
        self.out = np.exp(a)
        return self.out

    def backward(self, g):
        return (g * self.out,)


class Log:
    def forward(self, a):
        self.a = a
        return np.log(a)

    def backward(self, g):
        return (g / self.a,)


class Tanh:
    def forward(self, a):
        self.out = np.tanh(a)
        return self.out

    def backward(self, g):
        return (g * (1.0 - self.out * self.out),)


class Relu:
    def forward(self, a):
        self.mask = a > 0
        return a * self.mask

    def backward(self, g):
        return (g * self.mask,)


class Sum:
    def forward(self, a):
        self.shape = a.shape
        return a.sum()

    def backward(self, g):
        return (np.full(self.shape, g),)
