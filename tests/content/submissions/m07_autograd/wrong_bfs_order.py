"""Wrong: backward() visits the graph breadth-first from the output, each node once, so a node
reached by a short path passes its gradient on before the gradient of its long path arrives.

Fails: topological_order
Says: a = x * 2
"""

from __future__ import annotations

from collections import deque

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals())


def _backward_bfs(self):
    if self.data.size != 1:
        raise ValueError("backward() needs a scalar output")
    self.grad += np.ones_like(self.data)
    queue = deque([self])
    seen = {id(self)}
    while queue:
        node = queue.popleft()
        if node._backward is not None:
            node._backward(node.grad)
        for parent in node._parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                queue.append(parent)


Tensor.backward = _backward_bfs  # noqa: F821 - defined by run_solution
