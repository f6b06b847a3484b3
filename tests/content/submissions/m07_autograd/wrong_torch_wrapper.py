"""Wrong: a Tensor that wraps a torch tensor and lets torch.autograd do the work.

Fails: from_scratch
Says: torch
"""

from __future__ import annotations

import numpy as np
import torch


class Tensor:
    def __init__(self, data, _inner=None):
        self._t = (
            _inner
            if _inner is not None
            else torch.tensor(np.array(data, dtype=np.float64), requires_grad=True)
        )
        if self._t.requires_grad and self._t.is_leaf:
            self._t.retain_grad()
        self._g = None

    @property
    def data(self):
        return self._t.detach().numpy()

    @data.setter
    def data(self, value):
        self._t = torch.tensor(np.array(value, dtype=np.float64), requires_grad=True)

    @property
    def grad(self):
        if self._g is not None:
            return self._g
        g = self._t.grad
        return np.zeros(tuple(self._t.shape)) if g is None else g.numpy()

    @grad.setter
    def grad(self, value):
        self._t.grad = None
        self._g = None if not np.any(value) else np.array(value)

    @staticmethod
    def _raw(x):
        return x._t if isinstance(x, Tensor) else x

    def _wrap(self, t):
        t.retain_grad()
        return Tensor(None, _inner=t)

    def __add__(self, o):
        return self._wrap(self._t + self._raw(o))

    __radd__ = __add__

    def __sub__(self, o):
        return self._wrap(self._t - self._raw(o))

    def __rsub__(self, o):
        return self._wrap(self._raw(o) - self._t)

    def __neg__(self):
        return self._wrap(-self._t)

    def __mul__(self, o):
        return self._wrap(self._t * self._raw(o))

    __rmul__ = __mul__

    def __truediv__(self, o):
        return self._wrap(self._t / self._raw(o))

    def __rtruediv__(self, o):
        return self._wrap(self._raw(o) / self._t)

    def __matmul__(self, o):
        return self._wrap(self._t @ self._raw(o))

    def __pow__(self, p):
        return self._wrap(self._t**p)

    def exp(self):
        return self._wrap(self._t.exp())

    def log(self):
        return self._wrap(self._t.log())

    def tanh(self):
        return self._wrap(self._t.tanh())

    def relu(self):
        return self._wrap(self._t.relu())

    def sum(self):
        return self._wrap(self._t.sum())

    def mean(self):
        return self._wrap(self._t.mean())

    def backward(self):
        self._t.backward()
