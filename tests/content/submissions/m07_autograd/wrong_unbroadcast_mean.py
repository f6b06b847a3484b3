"""Wrong: the gradient of an operand broadcast along leading axes is averaged over them, not
summed.

Fails: add_sub
Says: gradient of input 2, (4,)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals())


def _unbroadcast(grad, shape):
    extra = grad.ndim - len(shape)
    grad = grad.mean(axis=tuple(range(extra)))
    ones = tuple(i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=ones, keepdims=True).reshape(shape)
