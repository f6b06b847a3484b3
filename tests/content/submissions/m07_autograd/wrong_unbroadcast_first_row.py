"""Wrong: along a stretched axis of length 1, the gradient of the first copy is kept instead of
the sum over all copies.

Fails: add_sub
Says: gradient of input 1, stretched
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals())


def _unbroadcast(grad, shape):
    extra = grad.ndim - len(shape)
    grad = grad.sum(axis=tuple(range(extra)))
    first = tuple(slice(0, 1) if n == 1 else slice(None) for n in shape)
    return grad[first].reshape(shape)
