"""Wrong: backward() orders the graph with a recursive depth-first search, which hits Python's
recursion limit on a chain of 2,000 operations.

Fails: topological_order
Says: RecursionError
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals())


def _backward_recursive(self):
    if self.data.size != 1:
        raise ValueError("backward() needs a scalar output")
    order = []
    seen = set()

    def visit(node):
        if id(node) in seen:
            return
        seen.add(id(node))
        for parent in node._parents:
            visit(parent)
        order.append(node)

    visit(self)
    self.grad += np.ones_like(self.data)
    for node in reversed(order):
        if node._backward is not None:
            node._backward(node.grad)


Tensor.backward = _backward_recursive  # noqa: F821 - defined by run_solution
