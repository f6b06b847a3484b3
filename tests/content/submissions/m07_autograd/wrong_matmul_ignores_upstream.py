"""Wrong: the matrix product's backward uses a gradient of ones instead of the gradient it receives.

Fails: matmul_pow
Says: a @ b
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[("self.grad += grad @ o.data.T", "self.grad += np.ones_like(grad) @ o.data.T")],
)
